/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: prom-client writes
 * the format but has no parser. Every line must be a HELP, a TYPE or a sample of a declared family;
 * anything else throws with the line, so a malformed exposition fails the test that reads it.
 */
export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;

/** The sample names a family of each type may have. */
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [""], gauge: [""], untyped: [""], histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"],
};

function parseValue(text: string, line: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad sample value ${JSON.stringify(text)} in: ${line}`);
  return Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`bad labels in: ${line}`);
    if (m[1]! in labels) throw new Error(`label ${m[1]} twice in: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(m[0].length);
    if (m[3] === "" && rest.length > 0) throw new Error(`bad labels in: ${line}`);
  }
  return labels;
}

export function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith("\n")) throw new Error("the exposition does not end with a newline");
  for (const line of text.slice(0, -1).split("\n")) {
    if (line === "") continue;
    let m: RegExpExecArray | null;
    if ((m = HELP.exec(line))) {
      const family = families.get(m[1]!) ?? { name: m[1]!, type: "untyped" as MetricType, help: "", samples: [] };
      family.help = m[2]!;
      families.set(family.name, family);
    } else if ((m = TYPE.exec(line))) {
      const family = families.get(m[1]!);
      if (!family) throw new Error(`TYPE before HELP for ${m[1]}`);
      if (family.samples.length > 0) throw new Error(`TYPE after samples of ${m[1]}`);
      family.type = m[2] as MetricType;
    } else if (line.startsWith("#")) {
      throw new Error(`unknown comment line: ${line}`);
    } else if ((m = SAMPLE.exec(line))) {
      const name = m[1]!;
      const family = [...families.values()].find((f) => SUFFIXES[f.type].some((s) => f.name + s === name));
      if (!family) throw new Error(`sample of no declared family: ${line}`);
      const labels = parseLabels(m[2] ?? "", line);
      if (family.type === "histogram" && name.endsWith("_bucket") && !("le" in labels)) throw new Error(`bucket without le: ${line}`);
      family.samples.push({ name, labels, value: parseValue(m[3]!, line) });
    } else {
      throw new Error(`not a Prometheus line: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

/** The value of the first sample `name` whose labels include these, or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
