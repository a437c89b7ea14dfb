package training

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kgraph/kg/extract/internal/depparse"
	"github.com/kgraph/kg/extract/internal/postag"
)

// TestParserExperiment is a by-hand harness for tuning the parser:
//
//	KG_PARSER_EXPERIMENT=epochs KG_PARSER_DIR=/tmp/dp go test -run TestParserExperiment -v -timeout 0 ./extract/training/
//
// KG_PARSER_DIR must hold lexicon.zst; jackknifed tags and the full tagger
// are cached there. KG_PARSER_SEED and KG_PARSER_ENSEMBLE set the seed and
// the number of averaged models (default 1 each).
func TestParserExperiment(t *testing.T) {
	ep, _ := strconv.Atoi(os.Getenv("KG_PARSER_EXPERIMENT"))
	dir := os.Getenv("KG_PARSER_DIR")
	if ep == 0 || dir == "" {
		t.Skip("set KG_PARSER_EXPERIMENT=epochs and KG_PARSER_DIR")
	}
	data := os.Getenv("KG_DATA")
	if data == "" {
		data = "../../../shared/data"
	}
	cfg := &Config{Data: data, Out: dir, Seed: 1}
	train, err := readTreebank(cfg, EWTTrain)
	if err != nil {
		t.Skip(err)
	}
	dev, _ := readTreebank(cfg, EWTDev)
	test, _ := readTreebank(cfg, EWTTest)
	gum, _ := readTreebank(cfg, GUMTest)
	gum = Genre(gum, "GUM_news")
	lex, err := loadLexicon(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var tags [][]string
	cache := filepath.Join(dir, "jk.json")
	if b, err := os.ReadFile(cache); err == nil {
		json.Unmarshal(b, &tags)
	} else {
		start := time.Now()
		tags, err = JackknifeTags(context.Background(), train, lex, ParserFolds, cfg.Seed)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(tags)
		os.WriteFile(cache, b, 0o644)
		t.Logf("jackknife %v, accuracy %.4f", time.Since(start), tagAgreement(train, tags))
	}
	tagger, err := fullTagger(cfg, train, lex)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tagger.bin.zst")); err != nil {
		writeFile(cfg, "tagger.bin.zst", func(w io.Writer) error { return tagger.Save(w) })
	}
	_ = postag.Normalize
	trainData := ParserData(train, tags)
	if os.Getenv("KG_PARSER_GOLD") != "" {
		trainData = ParserData(train, nil)
	}
	devData := ParserData(dev, PredictTags(tagger, dev))
	start := time.Now()
	explore, _ := strconv.ParseFloat(os.Getenv("KG_PARSER_EXPLORE"), 64)
	m, err := depparse.Train(trainData, depparse.TrainOptions{
		Epochs: ep, Seed: envUint("KG_PARSER_SEED", 1), Explore: explore, Dev: devData, Ensemble: int(envUint("KG_PARSER_ENSEMBLE", 1)),
		Progress: func(p depparse.Progress) {
			t.Logf("epoch %d acc %.4f feats %d dev %v (%v)", p.Epoch, p.Accuracy, p.Features, p.Dev, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test (predicted tags): %v", depparse.Evaluate(m, ParserData(test, PredictTags(tagger, test))))
	t.Logf("test (gold tags): %v", depparse.Evaluate(m, ParserData(test, nil)))
	t.Logf("GUM news test (predicted tags): %v", depparse.Evaluate(m, ParserData(gum, PredictTags(tagger, gum))))
	writeFile(cfg, "parser.bin.zst", m.Write)
}

// TestParserEval scores a trained parser with predicted tags:
//
//	KG_PARSER_EVAL=extract/internal/models go test -run TestParserEval -v ./extract/training/
//
// The directory must hold parser.bin.zst and tagger.bin.zst; the path is
// relative to the repository root. KG_PARSER_BEAM=k parses with a beam of
// width k.
func TestParserEval(t *testing.T) {
	dir := os.Getenv("KG_PARSER_EVAL")
	if dir == "" {
		t.Skip("set KG_PARSER_EVAL to a models directory")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir)
	}
	data := os.Getenv("KG_DATA")
	if data == "" {
		data = "../../../shared/data"
	}
	cfg := &Config{Data: data, Out: dir}
	f, err := os.Open(filepath.Join(dir, "tagger.bin.zst"))
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := postag.Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "parser.bin.zst"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, err := depparse.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("model %.2f MB, loaded in %v", float64(len(raw))/1e6, time.Since(start).Round(time.Millisecond))
	var p depparse.Parser = m
	if k := envUint("KG_PARSER_BEAM", 1); k > 1 {
		p = m.Beam(int(k))
		t.Logf("beam width %d", k)
	}
	for _, set := range []struct{ name, file, genre string }{
		{"EWT dev", EWTDev, ""}, {"EWT test", EWTTest, ""}, {"GUM test, news", GUMTest, "GUM_news"},
	} {
		ss, err := readTreebank(cfg, set.file)
		if err != nil {
			t.Skip(err)
		}
		if set.genre != "" {
			ss = Genre(ss, set.genre)
		}
		pred := ParserData(ss, PredictTags(tagger, ss))
		start := time.Now()
		sc := depparse.Evaluate(p, pred)
		speed := float64(sc.Words) / time.Since(start).Seconds()
		t.Logf("%-15s predicted tags: %v; gold tags: %v; %.0f tokens/s",
			set.name, sc, depparse.Evaluate(p, ParserData(ss, nil)), speed)
	}
}

// envUint reads a positive integer from the environment, or def.
func envUint(name string, def uint64) uint64 {
	if v, err := strconv.ParseUint(os.Getenv(name), 10, 64); err == nil && v > 0 {
		return v
	}
	return def
}
