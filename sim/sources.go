package sim

import "strconv"

// Source tags cite where a fact the simulator teaches comes from, by the
// source's own name — a statute, a court case, a publication and its date,
// an Apple document — because users never see the team's fact sheet.
// "assumption" marks what no source settles.
const (
	SrcIntercept       = "The Intercept, 2016-09-28"
	SrcPoliceTable     = "FDLE iMessage FAQ, as reported (iTechPost, RT, iLounge 2016)"
	SrcRetention       = "Apple to The Intercept, 2016 (30 days); Apple Legal Process Guidelines, as quoted (up to 25 days)"
	SrcRetention2016   = "Apple to The Intercept, 2016-09-28"
	SrcRetentionToday  = "Apple Legal Process Guidelines, as quoted by secondary sources"
	SrcStatute         = "18 U.S.C. §3123"
	SrcStoredRecords   = "18 U.S.C. §2703(c)(1)(B), (d)"
	SrcIDS             = "Apple Platform Security guide"
	SrcWire            = "open-source IDS clients (behaviour only)"
	SrcCache           = "open-source IDS clients (client cache)"
	SrcColours         = "Apple support 104972"
	SrcFallback        = "Apple on Send as SMS (no document named)"
	SrcEmailRed        = "Six Colors, 2025"
	SrcStale           = "Apple, Deregister iMessage page"
	SrcRCS             = "iOS 18 RCS, as reported (order iMessage → RCS → SMS undocumented)"
	SrcAppleStatement  = "Apple's statement to the press, 2016 (AppleInsider and others)"
	SrcAssumption      = "assumption"
	SrcEmailOnlyByIMsg = "assumption · RCS and SMS address phone numbers only; carrier MMS-to-email gateways are out of scope"
)

// RetentionSource is the source of r's figure: The Intercept for 2016's 30
// days, Apple's current guidelines (quoted secondarily) for today's.
func RetentionSource(r Retention) string {
	if r.Name == PresetToday {
		return SrcRetentionToday
	}
	return SrcRetention2016
}

// Phrase is the retention as a source states it: "30 days" for 2016, "up
// to 25 days" for today (the guidelines give a ceiling, not a fixed term).
func (r Retention) Phrase() string {
	if r.Name == PresetToday {
		return "up to " + strconv.Itoa(r.Days()) + " days"
	}
	return strconv.Itoa(r.Days()) + " days"
}
