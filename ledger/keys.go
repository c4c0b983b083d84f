package ledger

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Every ledger has an Ed25519 key pair, made when the ledger is created
// (or when an older one is migrated), and signs every workbook it exports
// with it. A ledger that receives a workbook pins the key of the unit that
// signed it the first time, and from then on refuses a workbook of that
// unit signed with another key, or not signed, unless a person accepts it
// with a reason (audited): trust on first use, as ssh does. The key proves
// that a workbook comes from the ledger file that holds the private key,
// unchanged; it does not prove who sits at that ledger.

// Signer is a ledger's own signing key.
type Signer struct {
	priv ed25519.PrivateKey
}

// GenerateSigner makes a new key pair.
func GenerateSigner() (*Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, Internal("GenerateSigner", err)
	}
	return &Signer{priv: priv}, nil
}

// PrivateKey is the private key, for the store to keep.
func (s *Signer) PrivateKey() []byte { return append([]byte(nil), s.priv...) }

// NewSigner wraps a private key read from the store; a key of the wrong
// size is an error of kind KindDamaged.
func NewSigner(priv []byte) (*Signer, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, Errorf(KindDamaged, "NewSigner", "khóa ký của sổ bị hỏng (độ dài %d)", len(priv))
	}
	return &Signer{priv: ed25519.PrivateKey(append([]byte(nil), priv...))}, nil
}

// Public is the signer's public key.
func (s *Signer) Public() ed25519.PublicKey { return s.priv.Public().(ed25519.PublicKey) }

// Sign signs msg.
func (s *Signer) Sign(msg []byte) []byte { return ed25519.Sign(s.priv, msg) }

// Fingerprint is the short form of a public key a person compares: the
// first 8 bytes of its SHA-256 in four groups, "3f2a 9c01 77be 0d45".
func Fingerprint(pub []byte) string {
	if len(pub) == 0 {
		return "(không ký)"
	}
	sum := sha256.Sum256(pub)
	h := hex.EncodeToString(sum[:8])
	return h[0:4] + " " + h[4:8] + " " + h[8:12] + " " + h[12:16]
}

// PinnedKey is the public key a ledger trusts for the workbooks of one
// unit: pinned at the first import from it, replaced only when a person
// accepts a new one with a reason.
type PinnedKey struct {
	Unit     string
	Key      ed25519.PublicKey
	PinnedAt time.Time
	File     string // the workbook the key came in
	Reason   string // why a new key was accepted; "" for the first
}

// LedgerRole says whose ledger a ledger is.
type LedgerRole struct {
	// Set is false for a ledger made before ledgers knew their role: it
	// behaves as before (it imports settlements and annexes alike) until
	// its role is set.
	Set bool
	// Unit is the code of the subordinate unit whose own ledger this is;
	// "" for the superior unit's ledger, which imports its units'
	// settlements, reviews and consolidates them.
	Unit string
}

// SuperiorRole and UnitRole are the two roles a ledger can be given.
func SuperiorRole() LedgerRole        { return LedgerRole{Set: true} }
func UnitRole(code string) LedgerRole { return LedgerRole{Set: true, Unit: code} }

// IsSuperior reports whether the ledger is the superior unit's.
func (r LedgerRole) IsSuperior() bool { return r.Set && r.Unit == "" }

// IsUnit reports whether the ledger is one subordinate unit's own.
func (r LedgerRole) IsUnit() bool { return r.Set && r.Unit != "" }

// Label says whose ledger it is, for a person.
func (r LedgerRole) Label() string {
	switch {
	case r.IsUnit():
		return "sổ của đơn vị " + r.Unit
	case r.IsSuperior():
		return "sổ của đơn vị cấp trên"
	}
	return "sổ chưa xác định của ai"
}

// String is the role as wardctl prints it: "superior", "unit:1000002",
// "" when not set.
func (r LedgerRole) String() string {
	switch {
	case r.IsUnit():
		return "unit:" + r.Unit
	case r.IsSuperior():
		return "superior"
	}
	return ""
}
