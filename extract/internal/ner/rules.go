package ner

import (
	"strconv"
	"strings"
)

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

var relDays = map[string]bool{"today": true, "yesterday": true, "tomorrow": true, "tonight": true}

var periods = map[string]bool{"week": true, "month": true, "year": true, "weekend": true, "decade": true, "century": true}

var numberWords = map[string]bool{
	"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true,
	"dozen": true, "hundreds": true, "thousands": true, "millions": true, "billions": true,
}

var yearPreps = map[string]bool{"in": true, "since": true, "by": true, "until": true, "from": true, "of": true, "before": true, "after": true, "during": true, "to": true}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1800 && n <= 2100
}

func isDay(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "th"), "st"), "nd"), "rd")
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 31
}

func isNumericDate(s string) bool {
	// 2023-07-26, 26/07/2023, 7/26/23
	sep := "-"
	if strings.Contains(s, "/") {
		sep = "/"
	}
	parts := strings.Split(s, sep)
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil || len(p) == 0 || len(p) > 4 {
			return false
		}
	}
	return true
}

// Rules tags DATE and NUMBER spans among tokens tagged O in tags.
func Rules(forms, pos, tags []string) {
	n := len(forms)
	lower := func(i int) string { return strings.ToLower(forms[i]) }
	free := func(i int) bool { return i >= 0 && i < n && tags[i] == "O" }
	mark := func(i, j int, typ string) {
		for k := i; k < j; k++ {
			if !free(k) {
				return
			}
		}
		tags[i] = "B-" + typ
		for k := i + 1; k < j; k++ {
			tags[k] = "I-" + typ
		}
	}
	for i := 0; i < n; i++ {
		if !free(i) {
			continue
		}
		w := lower(i)
		switch {
		case months[w] && (w != "may" && w != "march" || (i+1 < n && (isDay(forms[i+1]) || isYear(forms[i+1])))) && pos[i] == "NNP":
			j := i + 1
			if j < n && isDay(forms[j]) {
				j++
			}
			if j < n && forms[j] == "," && j+1 < n && isYear(forms[j+1]) {
				j += 2
			} else if j < n && isYear(forms[j]) {
				j++
			}
			if i > 0 && isDay(forms[i-1]) && free(i-1) {
				i--
			}
			mark(i, j, "DATE")
			i = j - 1
		case weekdays[w] || relDays[w] || isNumericDate(w):
			mark(i, i+1, "DATE")
		case (w == "last" || w == "next" || w == "this") && i+1 < n && (periods[lower(i+1)] || weekdays[lower(i+1)]):
			mark(i, i+2, "DATE")
			i++
		case isYear(w) && pos[i] == "CD" && i > 0 && (yearPreps[lower(i-1)] || tags[i-1] == "I-DATE" || tags[i-1] == "B-DATE"):
			mark(i, i+1, "DATE")
		case pos[i] == "CD":
			j := i + 1
			for j < n && free(j) && (pos[j] == "CD" || numberWords[lower(j)]) {
				j++
			}
			mark(i, j, "NUMBER")
			i = j - 1
		}
	}
}
