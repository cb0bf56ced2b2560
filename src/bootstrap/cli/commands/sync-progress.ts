import type { MetaReader } from '../../../application/ports/meta-reader.js';
import type { MetaSource } from '../../../application/ports/meta-source.js';

/** Wraps the source and reader so each stage of a long sync is announced (on stderr) as it starts. */
export function withStageProgress(parts: { source: MetaSource; reader: MetaReader }, say: (stage: string) => void): { source: MetaSource; reader: MetaReader } {
  const { source, reader } = parts;
  return {
    source: {
      describe: () => source.describe(),
      fetch: () => {
        say(`Fetching ${source.describe()}`);
        return source.fetch();
      },
      current: () => {
        say(`Opening ${source.describe()}`);
        return source.current();
      },
    },
    reader: {
      read: (tree) => {
        say(`Reading, validating and rendering elections at ${tree.revision ?? 'the directory as it is'}`);
        return reader.read(tree).finally(() => say('Updating the catalog and the database'));
      },
    },
  };
}
