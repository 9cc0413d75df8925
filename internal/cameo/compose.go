package cameo

// Compose returns the code of an appeal, intent or demand (outer, in the
// CAMEO roots 02, 03 and 10) whose content is the cooperative event inner
// ("asked Obama to help Iran": 020 + 070 = 023 appeal for aid; "wants to
// help Israel": 030 + 070 = 033; "demanded talks": 100 + 046 = 106), ""
// when CAMEO has no such code. It follows PETRARCH's internal coding
// ontology, where these codes are the outer verb's type plus the inner
// event's: meetings and negotiation (044, 046 -> x6; 045 -> 028, 039, 108),
// diplomatic cooperation (05x -> x2), material cooperation (06x -> x1,
// with 061-064 as subcodes), aid (07x -> x3, 071-074 as subcodes) and
// concessions (08x -> x5: 081 -> x51 sanctions, 082 -> x52 dissent, 084 ->
// x53 release, 085 -> x54 economic sanctions, 086 -> x55 involvement, 087
// -> x56 de-escalation; 083 political reform -> x4).
func Compose(outer, inner string) string {
	if len(outer) < 3 || len(inner) < 3 {
		return ""
	}
	var root string // the outer family's two digits
	switch outer[:2] {
	case "02", "03", "10":
		root = outer[:2]
	default:
		return ""
	}
	sub := ""  // the third digit
	leaf := "" // the fourth digit, "" for none
	switch inner[:2] {
	case "04":
		switch inner[:3] {
		case "044", "046":
			sub = "6"
		case "045":
			sub = "8" // 028 appeal to mediate, 108 demand mediation
			if root == "03" {
				sub = "9" // 039 express intent to mediate
			}
		default:
			return ""
		}
	case "05":
		sub = "2"
	case "06":
		sub = "1"
		switch inner[:3] {
		case "061", "062", "063", "064":
			leaf = inner[2:3]
		}
	case "07":
		sub = "3"
		switch inner[:3] {
		case "071", "072", "073", "074":
			leaf = inner[2:3]
		}
	case "08":
		sub = "5"
		switch inner[:3] {
		case "081":
			leaf = "1"
		case "082":
			leaf = "2"
		case "083":
			sub = "4"
		case "084":
			leaf = "3" // 0253 appeal for the release of persons or property
			if len(inner) == 4 && (inner[3] == '1' || inner[3] == '2') {
				leaf = "2" // 0841, 0842 are 082's in the ontology: 0352
			}
		case "085":
			leaf = "4"
		case "086":
			leaf = "5"
		case "087":
			leaf = "6"
		}
	default:
		return ""
	}
	if root == "10" {
		// The demand codes put the type in the third digit too: 101, 1011.
		return "10" + sub + leaf
	}
	return root + sub + leaf
}
