package main

import (
	"context"
	"fmt"
	"log"

	"gonum.org/v1/gonum/graph/network"

	"github.com/kgraph/kg"
)

const story = `Soldiers of the Republican Guard detained President Elena Amara on Monday.
General Viktor Tesh, who commands the guard, declared a curfew in Port Selin.
The Coastal Union and the Northern League condemned the coup.
UN Secretary-General Ines Marrow called for the release of President Amara.`

func main() {
	ctx := context.Background()
	db, err := kg.Open(kg.Options{InMemory: true})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	// Text in, facts stored with their evidence.
	res, err := db.IngestText(ctx, "valdoria", "2025-07-14", story)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stored %d facts\n", res.Facts)

	// A who-did-what question.
	ans, err := db.Ask(ctx, "Who condemned the coup?")
	if err != nil {
		log.Fatal(err)
	}
	if len(ans.Answers) == 0 {
		log.Fatal("no answer")
	}
	for _, a := range ans.Answers {
		fmt.Printf("%s condemned the coup (%q)\n", a.Answer, a.Evidence[0].Text)
	}

	// The gonum graph itself: any gonum algorithm runs on it.
	g, err := db.Graph(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the graph has %d entities and %d facts\n", g.Len(), g.Size())
	if g.Len() == 0 {
		return // gonum's PageRank needs at least one node
	}
	ranks := network.PageRankSparse(g, 0.85, 1e-6)
	best, score := int64(-1), 0.0
	for id, r := range ranks {
		if r > score {
			best, score = id, r
		}
	}
	if best >= 0 {
		v, _ := g.Value(g.StoreID(best))
		fmt.Printf("most central: %s (PageRank %.2f)\n", kg.DisplayName(v), score)
	}
}
