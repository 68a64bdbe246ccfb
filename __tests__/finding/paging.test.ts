import { describe, expect, it } from '@jest/globals'
import { type Page, readAllPages } from '../../src/finding/paging.js'
import { Deadline } from '../../src/polling/deadline.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const RULES = { operation: 'ListThings', noun: 'things' }

/** Pages of plain string items (each its own ID), page N being `pages[N - 1]`, then empty. */
function pagesOf(pages: string[][], totalCount: number, onPage?: () => void) {
  return async (pageNumber: number): Promise<Page<string>> => {
    onPage?.()
    return { items: pages[pageNumber - 1] ?? [], totalCount, requestId: `R${pageNumber}` }
  }
}

describe('readAllPages', () => {
  it('takes pages whose IDs run together for different pages, not for one page twice', async () => {
    // '1', '23' and '12', '3': the same characters in the same order, but other items.
    const listing = await readAllPages(
      pagesOf(
        [
          ['1', '23'],
          ['12', '3']
        ],
        4
      ),
      id => id,
      RULES
    )
    expect(listing).toEqual({ items: ['1', '23', '12', '3'], requestId: 'R2' })
  })

  it("measures the listing's own time when the deadline passes, not the step's", async () => {
    const clock = new VirtualClock()
    const deadline = Deadline.start(clock, 4000)
    // The listing begins 1 s into the step; each page takes 1 s.
    clock.time = 1000
    const fetch = pagesOf([['a'], ['b'], ['c'], ['d'], ['e']], 5, () => (clock.time += 1000))
    const error = await readAllPages(fetch, id => id, { ...RULES, limit: deadline }).catch(
      (e: unknown) => e
    )
    expect(String(error)).toMatch(
      /the step's timeout \(4s\) passed after 4 pages of the listing, read in 4s, before page 5/
    )
  })
})
