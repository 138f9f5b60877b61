/** Builds a tooltip element from lines of text (textContent: names are never parsed as HTML). */
export function tipElement(title: string, lines: string[]): HTMLElement {
  const root = document.createElement("div");
  root.className = "map-tip";
  const strong = document.createElement("strong");
  strong.textContent = title;
  root.append(strong);
  for (const line of lines) {
    const div = document.createElement("div");
    div.textContent = line;
    root.append(div);
  }
  return root;
}
