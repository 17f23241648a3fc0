import { useState } from 'react';

/**
 * Paging through a list the server hands out by cursor (no total): the cursors of the pages seen so
 * far, so 上一页 goes back without asking the server where page n started.
 */
export function useCursorPages() {
  // cursors[n] opens page n; page 0 needs none.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  return {
    page,
    cursor: cursors[page],
    /** To the page after this one, which `nextCursor` (from this page's answer) opens. */
    next(nextCursor: string | null | undefined): void {
      if (!nextCursor) return;
      setCursors((cs) => [...cs.slice(0, page + 1), nextCursor]);
      setPage(page + 1);
    },
    goTo(n: number): void {
      setPage(Math.max(0, Math.min(n, cursors.length - 1)));
    },
    /** Back to the first page: the filters changed. */
    reset(): void {
      setCursors([undefined]);
      setPage(0);
    },
  };
}
