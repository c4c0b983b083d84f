package sqlite

import (
	"context"
	"database/sql"
)

// preparedQueries is a querier over one transaction that prepares each
// query text once and reuses it. The writer asks the same few questions
// (is the period open, the line's sums, the year's way) for every new
// unit, period and line of a batch: parsing them again each time cost
// more than answering them, and held the connection from the inserter.
type preparedQueries struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newPreparedQueries(tx *sql.Tx) *preparedQueries {
	return &preparedQueries{tx: tx, stmts: map[string]*sql.Stmt{}}
}

func (q *preparedQueries) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s := q.stmts[query]; s != nil {
		return s, nil
	}
	s, err := q.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	q.stmts[query] = s
	return s, nil
}

func (q *preparedQueries) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (q *preparedQueries) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := q.stmt(ctx, query)
	if err != nil { // the transaction reports the same error through its Row
		return q.tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// close closes every statement it prepared.
func (q *preparedQueries) close() {
	for _, s := range q.stmts {
		s.Close()
	}
	clear(q.stmts)
}
