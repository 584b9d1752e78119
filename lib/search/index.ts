/** The command palette's search: build once when the installed packs change, query per keystroke. */
export { buildIndex, type HitKind, type SearchIndex } from './build';
export { search, type Hit, type SearchOptions } from './search';
export { pinyinSupported } from './pinyin';
