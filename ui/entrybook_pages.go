package ui

import (
	"context"

	"wardledger/ledger"
)

// entryPage is one page of the entries table with which of its entries
// have been reversed.
type entryPage struct {
	entries  []*ledger.Entry
	reversed map[string]bool
}

// fetchPage reads page number n (of size rows) of the entries f selects.
// It is the only read the entries table makes per page, so its speed is
// what scrolling feels like (see BenchmarkFetchPage).
func fetchPage(ctx context.Context, l ledger.EntryService, f ledger.EntryFilter, n, size int) (*entryPage, error) {
	f.Offset, f.Limit = n*size, size
	es, err := l.Entries(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(es))
	for _, e := range es {
		if !e.IsReversal() {
			ids = append(ids, e.ID)
		}
	}
	rev, err := l.ReversedIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	return &entryPage{entries: es, reversed: rev}, nil
}

// pageCache keeps the pages of a table read from the store and remembers
// which are being read, so a page is read once however often its rows are
// drawn. Only the UI goroutine touches it.
type pageCache[P any] struct {
	size    int
	gen     int // bumped when the filter or the ledger changes
	pages   map[int]P
	loading map[int]bool
	order   []int // pages in the order read, to forget the oldest
}

const pageSize = 100
const maxPages = 30

func newPageCache[P any](size int) *pageCache[P] {
	return &pageCache[P]{size: size, pages: map[int]P{}, loading: map[int]bool{}}
}

// reset forgets every page; results of reads in flight will be ignored.
func (p *pageCache[P]) reset() {
	p.gen++
	p.pages = map[int]P{}
	p.loading = map[int]bool{}
	p.order = nil
}

// put stores a page read for generation gen; false if it came too late.
func (p *pageCache[P]) put(gen, n int, pg P) bool {
	if gen != p.gen {
		return false
	}
	delete(p.loading, n)
	p.pages[n] = pg
	p.order = append(p.order, n)
	for len(p.order) > maxPages {
		delete(p.pages, p.order[0])
		p.order = p.order[1:]
	}
	return true
}

// entryPages are the pages of the entries table.
type entryPages struct{ *pageCache[*entryPage] }

func newEntryPages() *entryPages { return &entryPages{newPageCache[*entryPage](pageSize)} }

// row returns the entry at row and whether it was reversed; nil when its
// page is not read yet, and then need says which page to read.
func (p *entryPages) row(row int) (e *ledger.Entry, reversed bool, need int) {
	n := row / p.size
	pg, ok := p.pages[n]
	if !ok {
		return nil, false, n
	}
	i := row % p.size
	if i >= len(pg.entries) {
		return nil, false, -1
	}
	e = pg.entries[i]
	return e, pg.reversed[e.ID], -1
}
