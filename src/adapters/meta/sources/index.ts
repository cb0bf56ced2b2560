export { createMetaSource, type MetaDriver, type MetaSourceConfig } from './create-meta-source.js';
export { DirectoryMetaSource } from './directory-meta-source.js';
export { GitCliMetaSource, type GitCliMetaSourceOptions } from './git-cli-meta-source.js';
export { NodeGitMetaSource, type NodeGitMetaSourceOptions } from './nodegit-meta-source.js';
export { MetaSourceError, redactCredentials, type MetaSourceFailure } from './meta-source-error.js';
