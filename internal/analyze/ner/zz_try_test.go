package ner

import "testing"

func TestZZTry(t *testing.T) {
	for _, s := range []string{
		"Apple Inc. shares rose 4% on Tuesday after Chief Executive Tim Cook unveiled a new iPhone in Cupertino, California.",
		"The European Central Bank held rates steady, President Christine Lagarde told reporters in Frankfurt.",
		"Israeli Prime Minister Benjamin Netanyahu met Secretary of State Antony Blinken in Jerusalem on Monday.",
		"Chinese President Xi Jinping and Indian Prime Minister Narendra Modi met at the BRICS summit in Johannesburg.",
		"Hurricane Milton made landfall near Tampa, Florida, the National Hurricane Center said.",
		"Elon Musk’s SpaceX launched another batch of Starlink satellites from Cape Canaveral.",
		"The Kremlin said Dmitry Peskov would not comment on reports from The Wall Street Journal.",
		"Protesters gathered outside Downing Street as Keir Starmer addressed the House of Commons.",
		"Officials in Gaza said Israeli strikes killed 20 people, according to the Hamas-run health ministry.",
		"Microsoft and OpenAI announced a new partnership worth $10bn.",
		"Brazil’s Luiz Inácio Lula da Silva criticised the IMF at the G20 meeting in Rio de Janeiro.",
		"Sudan’s army and the Rapid Support Forces have fought since April 2023.",
	} {
		t.Log(mentions(t, s))
	}
}
