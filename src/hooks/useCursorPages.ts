import { useState } from 'react';

/**
 * Paging through a list the server hands out by cursor (no total): the cursors of the pages seen so
 * far, so 上一页 goes back without asking the server where page n started.
 */
export function useCursorPages() {
  // cursors[n] opens page n; page 0 needs none.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  /** To the page after this one, which `nextCursor` (from this page's answer) opens. */
  const next = (nextCursor: string | null | undefined): void => {
    if (!nextCursor) return;
    setCursors((cs) => [...cs.slice(0, page + 1), nextCursor]);
    setPage(page + 1);
  };
  const goTo = (n: number): void => setPage(Math.max(0, Math.min(n, cursors.length - 1)));
  return {
    page,
    cursor: cursors[page],
    next,
    goTo,
    /** What Pager needs on this page, whose answer gave `nextCursor` (null on the last page). */
    pager: (nextCursor: string | null) => ({
      page,
      hasMore: nextCursor !== null,
      onPage: (n: number) => (n > page ? next(nextCursor) : goTo(n)),
    }),
    /** Back to the first page: the filters changed. */
    reset(): void {
      setCursors([undefined]);
      setPage(0);
    },
  };
}
