/** Kept for existing imports: the paging strategies live in ./paging (see paging/index.ts). */
export * from './paging';
export { MAX_PAGES, PagingGuard } from './pagingGuard';
