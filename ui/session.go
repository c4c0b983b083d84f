package ui

import (
	"context"
	"sync"

	"wardledger/ledger"
)

// session is one open ledger file, held exclusively by this window: the
// store holds the writer's lock on it while it is open.
type session struct {
	path string
	l    ledger.Ledger

	mu       sync.Mutex // guards the cached reference data below
	superior ledger.Unit
	hasSup   bool
	units    []ledger.Unit
	cat      *ledger.Catalogue
	role     ledger.LedgerRole
}

// openSession opens the ledger file (taking its writer's lock) and reads
// the reference data every screen needs.
func openSession(ctx context.Context, open func(context.Context, string) (ledger.Ledger, error), path string) (*session, error) {
	l, err := open(ctx, path)
	if err != nil {
		return nil, err
	}
	return newSession(ctx, path, l)
}

// newSession reads the reference data of an open ledger.
func newSession(ctx context.Context, path string, l ledger.Ledger) (*session, error) {
	s := &session{path: path, l: l}
	if err := s.reload(ctx); err != nil {
		s.close()
		return nil, err
	}
	if !s.initialised() {
		s.close()
		return nil, ledger.Errorf(ledger.KindInvalid, "ui.openSession", "tệp sổ %s không có đơn vị cấp trên (tệp trống của một phiên bản cũ): hãy tạo sổ mới ở một tệp khác", path)
	}
	return s, nil
}

// reload re-reads the superior unit, the units, the catalogue and whose
// ledger it is.
func (s *session) reload(ctx context.Context) error {
	sup, err := s.l.Superior(ctx)
	hasSup := err == nil
	if err != nil && ledger.ErrorKind(err) != ledger.KindNotFound {
		return err
	}
	units, err := s.l.Units(ctx)
	if err != nil {
		return err
	}
	cat, err := s.l.Catalogue(ctx)
	if err != nil {
		return err
	}
	role, err := s.l.Role(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.superior, s.hasSup, s.units, s.cat, s.role = sup, hasSup, units, cat, role
	s.mu.Unlock()
	return nil
}

// ledgerRole says whose ledger it is.
func (s *session) ledgerRole() ledger.LedgerRole {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.role
}

func (s *session) initialised() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hasSup
}

func (s *session) catalogue() *ledger.Catalogue {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat
}

// unitList lists the subordinate units the screens offer: on a unit's
// own ledger only that unit.
func (s *session) unitList() []ledger.Unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ledger.Unit
	for _, u := range s.units {
		if !s.role.IsUnit() || u.Code == s.role.Unit {
			out = append(out, u)
		}
	}
	return out
}

func (s *session) superiorUnit() ledger.Unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.superior
}

// close closes the ledger, which releases its lock.
func (s *session) close() { s.l.Close() }
