package extract

import "math"

// Features of a fact for its confidence, and the logistic model over them.
// The weights are fitted on CaRB dev (see confidence_weights.go and
// "kg eval carb --fit"), with cross-validation for the figures reported.
const (
	featBias = iota
	featPassive
	featCopula
	featApposition
	featRelative
	featSpeech
	featTitle
	featPronoun
	featNoObjOblique // object taken from an oblique
	featClausalObj
	featLongSubj // subject of more than 6 tokens
	featLongObj  // object of more than 8 tokens
	featArgs     // number of extra arguments (capped at 3)
	featSentLen  // sentence length / 40
	featProperSubj
	featProperObj
	featNegated
	featModal
	featInherited // subject inherited (coordination, control, relative)
	featGerund    // the verb is a present participle (a participial clause)
	featLongRel   // relation of more than 3 tokens
	featPronSubj  // the subject is a pronoun
	featDepth     // depth of the verb in the tree / 4, capped at 1
	featCount
)

// FeatureNames name the confidence features, for the fitting report.
var FeatureNames = [featCount]string{"bias", "passive", "copula", "apposition", "relative", "speech", "title",
	"pronoun", "oblique-object", "clausal-object", "long-subject", "long-object", "args", "sentence-length",
	"proper-subject", "proper-object", "negated", "modal", "inherited-subject", "gerund", "long-relation",
	"pronoun-subject", "depth"}

type features [featCount]float64

func featuresOf(t *tree, c clause, f *Fact) features {
	var x features
	x[featBias] = 1
	switch f.Kind {
	case KindPassive:
		x[featPassive] = 1
	case KindCopula:
		x[featCopula] = 1
	case KindApposition:
		x[featApposition] = 1
	case KindRelative:
		x[featRelative] = 1
	case KindSpeech:
		x[featSpeech] = 1
	}
	if len(f.Resolution) > 0 {
		x[featPronoun] = 1
	}
	if c.verb >= 0 && len(t.children(c.verb, "obj")) == 0 && !c.obj.clausal && c.kind != KindCopula {
		x[featNoObjOblique] = 1
	}
	if c.obj.clausal {
		x[featClausalObj] = 1
	}
	if len(c.subj.toks) > 6 {
		x[featLongSubj] = 1
	}
	if len(c.obj.toks) > 8 {
		x[featLongObj] = 1
	}
	x[featArgs] = math.Min(float64(len(c.args)), 3)
	x[featSentLen] = float64(len(t.toks)) / 40
	if c.subj.head >= 0 && t.isProper(c.subj.head) {
		x[featProperSubj] = 1
	}
	if c.obj.head >= 0 && t.isProper(c.obj.head) {
		x[featProperObj] = 1
	}
	if c.negated {
		x[featNegated] = 1
	}
	if c.modality != "" {
		x[featModal] = 1
	}
	if c.verb >= 0 && c.subj.head >= 0 && t.head(c.subj.head) != c.verb {
		x[featInherited] = 1
	}
	if c.verb >= 0 && t.toks[c.verb].XPOS == "VBG" {
		x[featGerund] = 1
	}
	if len(c.rel) > 3 {
		x[featLongRel] = 1
	}
	if c.subj.head >= 0 && t.toks[c.subj.head].UPOS == "PRON" {
		x[featPronSubj] = 1
	}
	if c.verb >= 0 {
		d := 0
		for k := t.head(c.verb); k >= 0 && d < 4; k = t.head(k) {
			d++
		}
		x[featDepth] = float64(d) / 4
	}
	return x
}

func titleFeatures(n int) features {
	var x features
	x[featBias] = 1
	x[featTitle] = 1
	x[featProperSubj] = 1
	return x
}

// confidence is the logistic model's probability that the fact is right.
func confidence(x features) float64 {
	return logistic(confidenceWeights[:], x[:])
}

func logistic(w, x []float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	p := 1 / (1 + math.Exp(-z))
	return math.Round(p*1000) / 1000
}

// Logistic returns the logistic model's probability for features x under
// weights w (rounded to 3 decimals, so that confidences are stable
// thresholds).
func Logistic(w, x []float64) float64 { return logistic(w, x) }

// Weights returns the confidence weights in use.
func Weights() []float64 { return append([]float64(nil), confidenceWeights[:]...) }

// FitLogistic fits logistic-regression weights to feature vectors x and
// targets y in [0,1] (soft labels allowed) by batch gradient descent with
// L2 regularisation l2 (not applied to the bias, feature 0). It is
// deterministic: the same data give the same weights.
func FitLogistic(x [][]float64, y []float64, l2 float64, iters int) []float64 {
	if len(x) == 0 {
		return nil
	}
	d := len(x[0])
	w := make([]float64, d)
	g := make([]float64, d)
	// per-feature scale for a stable step
	scale := make([]float64, d)
	for _, xi := range x {
		for j, v := range xi {
			scale[j] += v * v
		}
	}
	for j := range scale {
		scale[j] = 1 / math.Max(1e-9, math.Sqrt(scale[j]/float64(len(x))))
	}
	lr := 0.5
	for it := 0; it < iters; it++ {
		for j := range g {
			g[j] = 0
		}
		for i, xi := range x {
			z := 0.0
			for j, v := range xi {
				z += w[j] * v
			}
			p := 1 / (1 + math.Exp(-z))
			e := p - y[i]
			for j, v := range xi {
				g[j] += e * v
			}
		}
		n := float64(len(x))
		for j := range w {
			gj := g[j] / n
			if j > 0 {
				gj += l2 * w[j]
			}
			w[j] -= lr * gj * scale[j] * scale[j]
		}
	}
	return w
}
