package extract

// confidenceWeights are the logistic weights of the confidence features
// (FeatureNames order), fitted on CaRB dev by "kg eval carb --fit": the
// target of each prediction is the best precision it scores against a gold
// tuple of its sentence. The same command reports the 5-fold
// cross-validated figures, so the published score is not fit on itself.
var confidenceWeights = [featCount]float64{
	0.9477,  // bias
	0.0920,  // passive
	-0.2350, // copula
	-0.4639, // apposition
	-0.5247, // relative
	0.1467,  // speech
	-0.1616, // title
	0.0075,  // pronoun
	0.2354,  // oblique-object
	0.0549,  // clausal-object
	-0.4427, // long-subject
	0.0481,  // long-object
	-0.0562, // args
	-0.2917, // sentence-length
	0.3127,  // proper-subject
	0.0742,  // proper-object
	-0.0099, // negated
	0.1787,  // modal
	-0.3318, // inherited-subject
}
