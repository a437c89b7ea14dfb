package depparse

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// TestExperiment trains on EWT train and scores dev; run by hand with
// KG_DEPPARSE_EXPERIMENT=epochs.
func TestExperiment(t *testing.T) {
	ep, _ := strconv.Atoi(os.Getenv("KG_DEPPARSE_EXPERIMENT"))
	if ep == 0 {
		t.Skip("set KG_DEPPARSE_EXPERIMENT=epochs")
	}
	train := loadTreebank(t, "ud-ewt/en_ewt-ud-train.conllu", "")
	dev := loadTreebank(t, "ud-ewt/en_ewt-ud-dev.conllu", "")
	start := time.Now()
	m, err := Train(train, TrainOptions{Epochs: ep, Seed: 1, Dev: dev, Progress: func(p Progress) {
		t.Logf("epoch %d acc %.4f lab %.4f feats %d labels %d lifted %d skipped %d dev %v (%v)", p.Epoch, p.Accuracy, p.LabelAccuracy, p.Features, p.Labels, p.Lifted, p.Skipped, p.Dev, time.Since(start))
	}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/parser.bin.zst")
	m.Write(f)
	f.Close()
	st, _ := os.Stat("/tmp/parser.bin.zst")
	t.Logf("model %d bytes", st.Size())
}
