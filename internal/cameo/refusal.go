package cameo

import "strings"

// Refusal returns the CAMEO code of refusing the cooperative event code
// ("would not provide aid", "refused to release the prisoners"), "" when
// the event has no refusal code of its own. It follows PETRARCH's internal
// coding ontology, where a rejection is the negation of what is rejected
// (1246 "refuse to de-escalate" is the negated 087 "de-escalate"):
//
//	04x consult, 036 intend to meet  -> 125 reject a proposal to meet or negotiate
//	06x material cooperation, 07x aid -> 121 reject material cooperation (0611 -> 1211, 0612 -> 1212)
//	080 yield                        -> 124 refuse to yield
//	081 ease sanctions               -> 1241; 082 ease dissent -> 1242; 084 release -> 1243
//	085 ease economic sanctions      -> 1244; 086 allow involvement -> 1245; 087 de-escalate -> 1246
//	05x diplomatic cooperation       -> 120 reject
//
// Verbal, conflictual and already negative codes (01–03, 09–20) have none.
func Refusal(code string) string {
	if len(code) < 3 {
		return ""
	}
	switch {
	case strings.HasPrefix(code, "04"), code == "036":
		return "125"
	case strings.HasPrefix(code, "061"):
		return "1211"
	case strings.HasPrefix(code, "062"):
		return "1212"
	case strings.HasPrefix(code, "06"), strings.HasPrefix(code, "07"):
		return "121"
	case strings.HasPrefix(code, "05"):
		return "120"
	case strings.HasPrefix(code, "08"):
		switch code[:3] {
		case "081":
			return "1241"
		case "082":
			return "1242"
		case "084":
			return "1243"
		case "085":
			return "1244"
		case "086":
			return "1245"
		case "087":
			return "1246"
		}
		return "124"
	}
	return ""
}
