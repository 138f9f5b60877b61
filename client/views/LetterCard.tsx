/**
 * A person's Surat Perintah Tugas on their phone: the number and signer, a download of the PDF, and
 * "Kirim via WhatsApp", which opens WhatsApp's click-to-chat with the letter's public verify link
 * (no external service: wa.me only prefills the message).
 */
import { useEffect, useState } from "react";
import type { Assignment } from "../../shared/domain.js";
import type { LetterInfo } from "../../shared/letters.js";
import { api } from "../app/api.js";
import { downloadFile } from "../app/files.js";
import { ErrorBox, useAction } from "../app/ui.js";
import { useI18n } from "../i18n/index.js";

/** States in which the lending unit has agreed and a letter exists (server/letters/content.ts). */
const WITH_LETTER: readonly Assignment["state"][] = ["confirmed", "active", "completed"];

export function LetterCard({ assignment }: { assignment: Assignment }) {
  const { t, f } = useI18n();
  const { busy, error, run } = useAction();
  const [info, setInfo] = useState<LetterInfo | null>(null);
  const eligible = WITH_LETTER.includes(assignment.state);

  useEffect(function loadLetter() {
    if (!eligible) return;
    let live = true;
    void run(async () => {
      const letter = await api<LetterInfo>("GET", `/assignments/${encodeURIComponent(assignment.id)}/letter`);
      if (live) setInfo(letter);
    });
    return () => { live = false; };
  }, [assignment.id, eligible, run]);

  if (!eligible) return null;
  const message = info ? t("letter.whatsappText", { number: info.number, url: info.verifyUrl }) : "";
  return (
    <section className="card letter-card" aria-labelledby="letter-title" data-testid="letter-card">
      <h2 id="letter-title">{t("letter.title")}</h2>
      {info && (
        <dl className="facts">
          <dt>{t("letter.number")}</dt><dd data-testid="letter-number">{info.number}</dd>
          <dt>{t("letter.signer")}</dt><dd>{info.signer.acting ? `${info.signer.acting === "plh" ? "Plh." : "Plt."} ` : ""}{info.signer.jabatan}: {info.signer.name}</dd>
          <dt>{t("letter.issued")}</dt><dd>{f.date(info.issuedAt)}</dd>
        </dl>
      )}
      <ErrorBox message={error} />
      <div className="actions big-actions">
        <button type="button" className="primary big" disabled={busy}
          onClick={() => run(() => downloadFile(`/assignments/${encodeURIComponent(assignment.id)}/letter.pdf`, "surat-tugas.pdf"))} data-testid="letter-download">
          {t("letter.download")}
        </button>
        {info && (
          <a className="button big" href={`https://wa.me/?text=${encodeURIComponent(message)}`} target="_blank" rel="noopener noreferrer" data-testid="letter-whatsapp">
            {t("letter.whatsapp")}
          </a>
        )}
      </div>
    </section>
  );
}
