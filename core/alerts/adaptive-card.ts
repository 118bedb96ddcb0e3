import { type AdaptiveCard, messageBytes, TEAMS_MAX_BYTES } from './teams';

/** A fact of a FactSet, and a line of a list, trimmed: one runaway value must not sink the card. */
export const fact = (title: string, value: string) => ({ title, value: clip(value, 400) });
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const COLORS = { high: 'Attention', medium: 'Warning', low: 'Accent', none: 'Good' } as const;

export interface CardContent {
  title: string;
  tone: keyof typeof COLORS;
  facts: { title: string; value: string }[];
  /** A heading and the lines under it (failed expectations, an error): dropped from the end to fit. */
  listTitle?: string;
  lines: string[];
  action: { title: string; url: string };
}

function build(content: CardContent, lines: string[], dropped: number): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: clip(content.title, 300),
      weight: 'Bolder',
      size: 'Medium',
      color: COLORS[content.tone],
      wrap: true,
    },
    { type: 'FactSet', facts: content.facts },
  ];
  if (content.listTitle && (lines.length > 0 || dropped > 0)) {
    body.push({
      type: 'TextBlock',
      text: content.listTitle,
      weight: 'Bolder',
      spacing: 'Medium',
      wrap: true,
    });
  }
  for (const line of lines) body.push({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' });
  if (dropped > 0) {
    body.push({
      type: 'TextBlock',
      text: `…and ${dropped} more: see the report.`,
      isSubtle: true,
      wrap: true,
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: [{ type: 'Action.OpenUrl', title: content.action.title, url: content.action.url }],
  };
}

/** The card, with as many list lines as fit under Teams' size limit (the report has them all). */
export function fitCard(content: CardContent, limit = TEAMS_MAX_BYTES - 512): AdaptiveCard {
  const lines = content.lines.map((line) => clip(line, 1000));
  let low = 0;
  let high = lines.length;
  // The largest number of lines that fits: the size grows with each line kept.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (messageBytes(build(content, lines.slice(0, mid), lines.length - mid)) <= limit) low = mid;
    else high = mid - 1;
  }
  return build(content, lines.slice(0, low), lines.length - low);
}
