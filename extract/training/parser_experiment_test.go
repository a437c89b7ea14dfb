package training

import (
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
// KG_PARSER_DIR must hold lexicon.gz; jackknifed tags and the full tagger
// are cached there.
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
	if _, err := os.Stat(filepath.Join(dir, "tagger.bin.gz")); err != nil {
		writeFile(cfg, "tagger.bin.gz", func(w io.Writer) error { return tagger.Save(w) })
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
		Epochs: ep, Seed: 1, Explore: explore, Dev: devData,
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
	writeFile(cfg, "parser.bin.gz", m.Write)
}
