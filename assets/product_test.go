package assets_test

import (
	"os"
	"regexp"
	"testing"

	"wardledger/assets"
)

func TestVersionIsSemantic(t *testing.T) {
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`).MatchString(assets.Version) {
		t.Fatalf("assets/VERSION = %q, want MAJOR.MINOR.PATCH (Windows' version resource needs numbers)", assets.Version)
	}
}

// FyneApp.toml is read by the fyne tool, not by go build: it must still
// name the release that assets/VERSION names.
func TestFyneAppTomlHasTheVersion(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]*)"`).FindSubmatch(data)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version line")
	}
	if got := string(m[1]); got != assets.Version {
		t.Fatalf("FyneApp.toml Version = %q, assets/VERSION = %q: change both", got, assets.Version)
	}
}
