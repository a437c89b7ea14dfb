package training

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/lexicon"
)

// Config is what every model's training function receives.
type Config struct {
	Data string    // the shared data directory (../shared/data)
	Out  string    // where model files are written
	Seed uint64    // seed for shuffling
	Log  io.Writer // progress messages; nil discards them
	// Limit, if positive, trains on the first Limit sentences only, and
	// Iterations, if positive, overrides the number of training passes
	// (both for smoke tests).
	Limit      int
	Iterations int
}

func (c *Config) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format, args...)
	}
}

// Shared data files, relative to Config.Data.
const (
	EWTTrain  = "ud-ewt/en_ewt-ud-train.conllu"
	EWTDev    = "ud-ewt/en_ewt-ud-dev.conllu"
	EWTTest   = "ud-ewt/en_ewt-ud-test.conllu"
	GUMTest   = "ud-gum/en_gum-ud-test.conllu"
	UNERTrain = "uner/draft-0c7ce0de/en_ewt-ud-train.draft.iob2"
	UNERDev   = "uner/en_ewt-ud-dev.iob2"
	UNERTest  = "uner/en_ewt-ud-test.iob2"
)

// readTreebank reads a CoNLL-U file under cfg.Data, honouring cfg.Limit.
func readTreebank(cfg *Config, rel string) ([]*conllu.Sentence, error) {
	path := filepath.Join(cfg.Data, rel)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(ss) == 0 {
		return nil, errors.New(path + ": no sentences")
	}
	if cfg.Limit > 0 && len(ss) > cfg.Limit {
		ss = ss[:cfg.Limit]
	}
	return ss, nil
}

// writeFile writes a model file atomically.
func writeFile(cfg *Config, name string, save func(io.Writer) error) error {
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(cfg.Out, name)
	tmp, err := os.CreateTemp(cfg.Out, name+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := save(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		cfg.logf("wrote %s (%.2f MB)\n", path, float64(st.Size())/1e6)
	}
	return nil
}

// loadLexicon reads the lexicon.zst that Lexicon wrote to cfg.Out.
func loadLexicon(cfg *Config) (*lexicon.Lexicon, error) {
	f, err := os.Open(filepath.Join(cfg.Out, "lexicon.zst"))
	if err != nil {
		return nil, fmt.Errorf("%w (train the lexicon first)", err)
	}
	defer f.Close()
	return lexicon.Load(f)
}
