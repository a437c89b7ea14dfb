// Package extract turns English text into analysed sentences: tokens with
// byte offsets, Penn (XPOS) and universal (UPOS) part-of-speech tags,
// lemmas, named-entity BIO tags and, when a Parser is plugged in,
// dependency heads and relations.
//
// The models are trained by cmd/kgtrain on UD English-EWT and UNER
// English-EWT and embedded in the binary; nothing is read from disk or the
// network at run time. The trained models are licensed CC BY-SA 4.0, like
// the data they were trained on.
//
// # Facts
//
// On top of the analysis, an Extractor turns documents into facts: subject,
// predicate and object as quad values, with their evidence (document,
// date, sentence, byte spans, the text as written), negation, modality,
// attribution and a confidence. Documents come from a DocumentReader
// (files, directories, standard input, JSON Lines corpora).
//
// Clauses are read off the dependency tree (Universal Dependencies
// relations): a predicate is a verb, or a nominal or adjective with a
// copula. Its subjects are its nsubj/nsubj:pass children, and their
// conjuncts; a verb without one inherits it from the verb it is
// coordinated with, from its controller (xcomp), or from the noun a
// relative or participial clause modifies. Objects are obj children (and
// conjuncts); without one, the agent of a passive or the first
// prepositional complement becomes the object and its preposition joins
// the predicate. Remaining obliques are extra arguments, with the role
// "time" (dates, time words), "place" (locations) or their preposition.
// "not"/"never" set Negated, a modal auxiliary sets Modality, a
// non-asserting control verb ("claimed to have ousted") sets Modality to
// its lemma, and content reported by a speech verb (said, told, declared)
// is kept as its own fact with Attribution naming the speaker, beside the
// speech fact "X say '...'". Appositions with a name give "NAME is
// DESCRIPTION"; title words before a person's name give has_title.
// Noun modifiers that name a place or organisation give link facts
// (kind "link", left out of CaRB output): "Niger's army" is <army> <of>
// <Niger>, "an attack in the Tahoua region" <attack> <in>
// <Tahoua_region>; and the patient of a clause with a place argument
// gets the agentless passive ("confined Bazoum in the palace": <Bazoum>
// <confined_in> <presidential_palace>). They tie one article's people to
// another's places, so that paths run through them.
//
// Two frequent tagging errors that the parser inherits are repaired
// before the rules run, on a copy of the tree: a participle used as an
// adjective between a determiner and its noun ("the “attempted coup”"),
// and a relative clause's verb taken for a modifier of its object ("who
// fired warning shots").
//
// Confidence is a logistic model over features of the clause (its
// construction, voice, phrase lengths, names, depth in the tree, pronoun
// resolution), fitted on CaRB dev with "kg eval carb --fit", which also
// reports 5-fold cross-validated figures.
//
// # Vocabulary
//
// Entities are IRIs of their canonical name with spaces as "_"
// (<Presidential_Guard>, <Bazoum>). Predicates are IRIs made from the verb
// lemma with its particle and preposition in snake case (<condemn>,
// <shut_down>, <search_for>). A passive with an agent is the past
// participle plus "_by" (<detained_by>, the inverse of <detain>, see
// PassiveOf, ActiveOf, Inverse); a passive without one keeps its
// preposition (<jailed_in>). The copula is <is>, a title <has_title>.
// Each entity used in a fact gets <type> (PERSON, ORG, LOC, EVENT, THING),
// <name> (its fullest written name) and <alias> facts, carrying the
// evidence of its first mention, so that they are stored and deleted with
// their document.
//
// # Entity or literal
//
// A noun phrase is an entity (an IRI) when it names something: a person,
// organisation or place found by the entity tagger, a run of proper nouns,
// or a common noun phrase (canonical name: its adjectives, compounds and
// numbers, its head in the singular, and a short "of" complement, lower
// case: "member of Presidential Guard"). It is a literal when it is a date
// (xsd:gYear for a year, xsd:date for an ISO date, a plain string
// otherwise), a bare number, a clause (reported content, "to have ousted
// the President"), or the predicate nominal of a copula, apposition or
// title ("spokesman of the group"), unless that names an entity. An
// unresolved pronoun drops its fact, unless Options.KeepUnresolved.
//
// # Canonical names
//
// Within a document, a person's key is the surname (the last word of the
// name without titles: "President Mohamed Bazoum" → Bazoum), so that
// Mohamed Bazoum, Bazoum and President Bazoum are one entity, with the
// fullest form as its name and the others as aliases; a second person
// with the same surname and another first name is keyed by full name.
// Across documents the same key is the same node, so a "Mohamed Bazoum"
// in one article and a "Bazoum" in another meet. Organisations and places
// are keyed by their name without a leading "the". A common noun phrase
// whose canonical name equals a name in the same document (case and
// plural aside: "presidential guards") is that entity, and the fact
// records the resolution. Pronouns (he, she, they, it, his, their ...)
// resolve to the most recent compatible entity: a person for he/she, a
// plural phrase or an organisation for they, a singular non-person for
// it; the choice is recorded in Fact.Resolution ("he→Bazoum").
//
// # Verb lexicon
//
// DefaultLexicon groups verbs into action classes (confine, detain, hold,
// arrest ...), from the embedded internal/verbs/verbs.tsv, written by hand
// and checked against WordNet 3.0. Lexicon.Expand lists the predicates a
// query predicate stands for in both voices.
package extract
