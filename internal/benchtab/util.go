package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

func mustAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

func sortedNames(m map[string]result) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// metrics formats every metric of a result except ns/op and allocations.
func metrics(res result) string {
	var units []string
	for u := range res {
		if u != "ns/op" && u != "B/op" && u != "allocs/op" {
			units = append(units, u)
		}
	}
	sort.Strings(units)
	if len(units) == 0 {
		units = []string{"ns/op"}
	}
	var parts []string
	for _, u := range units {
		parts = append(parts, fmt.Sprintf("%s %s", cell(res[u], 1), u))
	}
	return strings.Join(parts, "; ")
}
