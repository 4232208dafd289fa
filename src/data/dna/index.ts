export { profileDatasource, percentOf, type ProfileDatasourceOptions, type DnaProgress } from './profile-datasource.js';
export { formatDna } from './format-dna.js';
export { compactDna, type CompactDnaOptions } from './compact-dna.js';
export type { DnaCache } from './dna-cache.js';
export { applySynonyms, type StaleSynonym } from './apply-synonyms.js';
