/**
 * Passphrases the strength check accepts (four unrelated words), for tests that cast ballots with a
 * link. Weak ones ("secret-pass", "hunter2") are refused since issue 11: see weak-passphrase tests.
 */
export const STRONG_PASSPHRASE = 'lantern orbit velvet pickle';
export const OTHER_STRONG_PASSPHRASE = 'quartz meadow tuba whisper';
