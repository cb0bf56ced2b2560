import { type Election, findCandidate } from '../../../domain/election/election.js';

/** Markdown-escapes text taken from the meta repository or computed labels. */
export function mdText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** "[Name](https://github.com/id)"; candidate ids are GitHub logins. */
export function person(election: Election, id: string): string {
  const name = findCandidate(election, id)?.name ?? id;
  return `[${mdText(name)}](https://github.com/${encodeURIComponent(id)})`;
}
