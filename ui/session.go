package ui

import (
	"context"
	"sync"

	"wardledger/ledger"
)

// session is one open ledger file, held exclusively by this window.
type session struct {
	path string
	l    ledger.Ledger
	lock *instanceLock

	mu       sync.Mutex // guards the cached reference data below
	superior ledger.Unit
	hasSup   bool
	units    []ledger.Unit
	cat      *ledger.Catalogue
}

// openSession takes the instance lock (unless lock is already held), opens
// the file and reads the reference data every screen needs.
func openSession(ctx context.Context, open func(context.Context, string) (ledger.Ledger, error), path string, lock *instanceLock) (*session, error) {
	if lock == nil {
		var err error
		if lock, err = lockLedger(path); err != nil {
			return nil, err
		}
	}
	l, err := open(ctx, path)
	if err != nil {
		lock.release()
		return nil, err
	}
	s := &session{path: path, l: l, lock: lock}
	if err := s.reload(ctx); err != nil {
		s.close(nil)
		return nil, err
	}
	return s, nil
}

// reload re-reads the superior unit, the units and the catalogue.
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
	s.mu.Lock()
	s.superior, s.hasSup, s.units, s.cat = sup, hasSup, units, cat
	s.mu.Unlock()
	return nil
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

func (s *session) unitList() []ledger.Unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ledger.Unit(nil), s.units...)
}

func (s *session) superiorUnit() ledger.Unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.superior
}

// close closes the ledger and releases the lock unless it is keep.
func (s *session) close(keep *instanceLock) {
	s.l.Close()
	if s.lock != keep {
		s.lock.release()
	}
}
