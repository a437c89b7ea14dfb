package extract

// confidenceWeights are the logistic weights of the confidence features,
// fitted on CaRB dev by FitConfidence (written by "kg eval carb --fit").
var confidenceWeights = [featCount]float64{0.5}
