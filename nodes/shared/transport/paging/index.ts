/**
 * Paging strategies behind one interface: `PagingStrategy<T>.collect({ limit, guard })`.
 * Every strategy obeys Return All (`limit` undefined) / Limit, never fetches a page Limit does
 * not need, and runs under the listing's `PagingGuard` (repeats, no progress, page bound).
 *
 * | strategy | factory | pages |
 * | --- | --- | --- |
 * | Link cursor | `linkCursor(fetchPage, firstUrl)` | `rel="next"`, one at a time |
 * | Link offset | `linkOffset(fetchPage, firstUrl, { offsetParam, concurrency })` | planned from `last`, concurrent |
 * | Spring page/size | `springPages(fetchPage, { pageSize, concurrency, firstPage? })` | `{content, page:{number,size,totalElements,totalPages}}`, planned from the ANSWER's size, concurrent |
 * | fromDate + hasMore | `fromDatePages(fetchPage, { fromDate, pageSize, timeOf, keyOf, what })` | from the newest time seen |
 * | opaque body cursor | `bodyCursor(fetchPage)` | until no cursor comes back |
 *
 * Usage, a Spring list (e.g. Res:harmonics `/api/v3/bookings`, `page` 0-based, `size`):
 *
 *     import { PagingGuard } from '../../shared/transport/pagingGuard';
 *     import { springFetcher, springPages } from '../../shared/transport/paging';
 *
 *     const fetchPage = springFetcher<IDataObject>(async (pageQuery) =>
 *       await client.request({ method: 'GET', url: '/api/v3/bookings', qs: { ...filters, ...pageQuery }, expect: 'object', itemIndex: i }),
 *     ); // optional 2nd argument: { page: 'page', size: 'size' } (the query parameter names)
 *     const rows = await springPages(fetchPage, { pageSize: 100, concurrency: 4 }).collect({
 *       limit: returnAll ? undefined : limit,
 *       guard: new PagingGuard({ node: this.getNode(), vendor: 'Res:harmonics', itemIndex: i }),
 *     });
 *
 * A Link list whose first page is asked by path: `readLinkList(get, path, qs, { style: 'cursor' }, run)`.
 */
export type { PagingRun, PagingStrategy } from './types';
export { capped, reached } from './types';
export { mapBounded } from './bounded';
export { collectOffsetPages, followNext, linkCursor, linkOffset, toPage } from './link';
export type { CollectOptions, OffsetOptions, Page, PageFetcher } from './link';
export { readLinkList, reuseFirst } from './linkList';
export type { LinkStyle } from './linkList';
export { springFetcher, springPageOf, springPages } from './spring';
export type { SpringFetcher, SpringOptions, SpringPage, SpringParams } from './spring';
export { fromDatePages } from './fromDate';
export type { FromDateOptions, FromDatePage } from './fromDate';
export { bodyCursor } from './bodyCursor';
export type { CursorPage } from './bodyCursor';
