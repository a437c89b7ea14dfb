package extract

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/kgraph/kg/extract/internal/depparse"
)

// loadParser loads the embedded dependency parser, which parses with a
// beam of depparse.DefaultBeam, or returns nil when none is embedded yet.
func loadParser(fsys fs.FS) (Parser, error) {
	f, err := fsys.Open("parser.bin.zst")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("parser.bin.zst: %w", err)
	}
	defer f.Close()
	m, err := depparse.Read(f)
	if err != nil {
		return nil, fmt.Errorf("parser.bin.zst: %w", err)
	}
	return m.Beam(depparse.DefaultBeam), nil
}
