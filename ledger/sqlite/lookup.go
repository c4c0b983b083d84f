package sqlite

import (
	"context"
	"strings"

	"wardledger/ledger"
)

// lookupChunk is how many ids one query looks up (SQLite allows 32,766
// parameters; a few hundred keep each statement small).
const lookupChunk = 500

// inChunks calls fn for consecutive chunks of ids, each with the
// placeholders "?,?,…" of an IN list and the chunk as arguments: a query
// over any number of ids, within SQLite's limit on parameters.
func inChunks(ids []string, fn func(placeholders string, args []any) error) error {
	for start := 0; start < len(ids); start += lookupChunk {
		chunk := ids[start:min(start+lookupChunk, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn(strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ","), args); err != nil {
			return err
		}
	}
	return nil
}

// entriesByID returns the entries among ids that the ledger holds, by id,
// in a few queries rather than one per id: an import of thousands of
// entries checks them all at once.
func entriesByID(ctx context.Context, q querier, ids []string) (map[string]*ledger.Entry, error) {
	out := make(map[string]*ledger.Entry)
	err := inChunks(ids, func(ph string, args []any) error {
		rows, err := q.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return storeError("sqlite.entriesByID", err)
		}
		es, err := scanEntries(rows)
		if err != nil {
			return err
		}
		for _, e := range es {
			out[e.ID] = e
		}
		return nil
	})
	return out, err
}
