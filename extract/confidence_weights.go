package extract

// confidenceWeights are the logistic weights of the confidence features
// (FeatureNames order), fitted on CaRB dev by "kg eval carb --fit": the
// target of each prediction is the best precision it scores against a gold
// tuple of its sentence. The same command reports the 5-fold
// cross-validated figures, so the published score is not fit on itself.
var confidenceWeights = [featCount]float64{
	1.0241,  // bias
	0.0530,  // passive
	-0.2238, // copula
	-0.5147, // apposition
	-0.3433, // relative
	0.1129,  // speech
	-0.1546, // title
	0.0915,  // pronoun
	0.1689,  // oblique-object
	0.0556,  // clausal-object
	-0.4508, // long-subject
	-0.0646, // long-object
	-0.0705, // args
	-0.1502, // sentence-length
	0.1883,  // proper-subject
	0.0894,  // proper-object
	0.0451,  // negated
	0.1548,  // modal
	-0.0755, // inherited-subject
	-0.3491, // gerund
	0.0995,  // long-relation
	-0.0573, // pronoun-subject
	-0.7886, // depth
}
