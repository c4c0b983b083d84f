// Package assets holds the data WardLedger ships: the settlement form
// definition, the seed catalogue of budget codes, the icon and the
// translations. Everything is embedded so the binaries are self-contained.
package assets

import _ "embed"

// FormB01 is the row definition of the settlement statement B01/BCQT.
//
//go:embed forms/b01_bcqt.json
var FormB01 []byte

// Catalogue is the seed catalogue of budget classification codes (CSV).
//
//go:embed catalogue/codes.csv
var Catalogue []byte

// CatalogueBasis is the circular that defines the catalogue, by budget
// year (CSV).
//
//go:embed catalogue/basis.csv
var CatalogueBasis []byte

// CatalogueSearchTerms are everyday words for some codes, searched
// beside their official names (CSV: level, code, terms separated by ";").
//
//go:embed catalogue/search_terms.csv
var CatalogueSearchTerms []byte

// CatalogueRenames lists names earlier seeds gave to codes that the
// catalogue now names otherwise, for upgrading older ledgers (CSV).
//
//go:embed catalogue/renames.csv
var CatalogueRenames []byte
