package lexicon

// Curated gazetteer entries added to those generated from WordNet. The
// named-entity tagger treats curated names (Curated) as reliable: a span
// matching one exactly is tagged even if the model says O.
//
// Demonyms map to their country and are not entities themselves.

// CuratedOrgs are organisations that news mentions often.
var CuratedOrgs = []string{
	"UN", "U.N.", "United Nations", "UN Security Council", "Security Council", "UN General Assembly",
	"General Assembly", "UNICEF", "UNHCR", "UNESCO", "WHO", "World Health Organization",
	"World Bank", "IMF", "International Monetary Fund", "WTO", "World Trade Organization",
	"ECOWAS", "Economic Community of West African States", "African Union", "AU",
	"European Union", "EU", "E.U.", "European Commission", "European Parliament",
	"NATO", "Nato", "OPEC", "ASEAN", "Arab League", "G7", "G20", "Commonwealth",
	"Red Cross", "International Committee of the Red Cross", "Amnesty International",
	"Human Rights Watch", "Doctors Without Borders", "Medecins Sans Frontieres", "MSF",
	"International Criminal Court", "ICC", "Interpol", "Wagner", "Wagner Group",
	"AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "CNN", "BBC",
	"Al Jazeera", "Fox News", "NBC", "CBS", "ABC News", "NPR", "New York Times",
	"Washington Post", "Wall Street Journal", "Guardian", "Financial Times", "Bloomberg",
	"Xinhua", "TASS", "Le Monde", "The Economist",
	"Pentagon", "State Department", "White House", "Kremlin", "Congress", "Senate",
	"House of Representatives", "Supreme Court", "FBI", "CIA", "NSA", "NASA", "EPA",
	"Democratic Party", "Republican Party", "Labour Party", "Conservative Party",
	"Taliban", "Hamas", "Hezbollah", "al-Qaeda", "al Qaeda", "Al Qaeda", "Islamic State", "ISIS", "ISIL",
	"Boko Haram", "al-Shabab", "Google", "Microsoft", "Apple", "Amazon", "Facebook", "Meta",
	"Twitter", "Enron", "Yahoo", "IBM", "Intel", "Toyota", "Boeing", "Airbus", "Shell", "BP",
	"ExxonMobil", "Gazprom", "Goldman Sachs", "JPMorgan", "Harvard", "Oxford", "Cambridge",
	"Stanford", "MIT",
}

// CuratedPlaces are places news mentions often that WordNet lacks or
// spells differently.
var CuratedPlaces = []string{
	"Niger", "Niamey", "Sahel", "West Africa", "East Africa", "Middle East", "Gaza", "West Bank",
	"Ukraine", "Kyiv", "Kiev", "Crimea", "Donbas", "Russia", "Moscow", "Washington", "Paris",
	"London", "Beijing", "Brussels", "Geneva", "New York", "United States", "U.S.", "US", "USA",
	"America", "UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
	"South Sudan", "Burkina Faso", "Mali", "Chad", "Nigeria", "Abuja", "Bamako", "Ouagadougou",
	"N'Djamena", "Iraq", "Baghdad", "Iran", "Tehran", "Syria", "Damascus", "Afghanistan",
	"Kabul", "Israel", "Jerusalem", "Tel Aviv", "Lebanon", "Beirut", "Egypt", "Cairo",
	"Europe", "Africa", "Asia", "Latin America", "North Korea", "South Korea", "Taiwan",
	"Hong Kong", "Texas", "California", "Florida",
}

// CuratedDemonyms map demonyms WordNet lacks to their country.
var CuratedDemonyms = map[string]string{
	"British": "United Kingdom", "Nigerien": "Niger", "Malian": "Mali", "Burkinabe": "Burkina Faso",
	"Chadian": "Chad", "Ukrainian": "Ukraine", "Russian": "Russia", "American": "United States",
	"French": "France", "Nigerian": "Nigeria", "Iraqi": "Iraq", "Iranian": "Iran", "Syrian": "Syria",
	"Afghan": "Afghanistan", "Israeli": "Israel", "Palestinian": "Palestine", "Egyptian": "Egypt",
	"Chinese": "China", "German": "Germany", "Italian": "Italy", "Spanish": "Spain",
	"Turkish": "Turkey", "Saudi": "Saudi Arabia", "Pakistani": "Pakistan", "Indian": "India",
	"Japanese": "Japan", "Korean": "Korea", "Mexican": "Mexico", "Canadian": "Canada",
	"Australian": "Australia", "Algerian": "Algeria", "Libyan": "Libya", "Sudanese": "Sudan",
	"Senegalese": "Senegal", "Ghanaian": "Ghana", "Kenyan": "Kenya", "Ethiopian": "Ethiopia",
	"Somali": "Somalia", "Congolese": "Democratic Republic of the Congo", "Beninese": "Benin",
	"Togolese": "Togo", "Ivorian": "Côte d'Ivoire", "Guinean": "Guinea", "Mauritanian": "Mauritania",
	"Moroccan": "Morocco", "Tunisian": "Tunisia", "European": "Europe", "African": "Africa",
}

// AddCurated adds the curated lists to l.
func (l *Lexicon) AddCurated() {
	for _, o := range CuratedOrgs {
		l.AddName(o, ORG)
		l.AddName(o, Curated)
	}
	for _, p := range CuratedPlaces {
		l.AddName(p, LOC)
		l.AddName(p, Curated)
	}
	for d, c := range CuratedDemonyms {
		l.Demonyms[toLower(d)] = c
	}
}
