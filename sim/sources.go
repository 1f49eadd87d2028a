package sim

// Source tags cite where a fact the simulator teaches comes from. Each
// starts with the section of shared/FACTS.md it rests on, so every claim on
// screen can be traced; "assumption" marks what no source settles.
const (
	SrcIntercept   = "FACTS §1 · The Intercept 2016-09-28"
	SrcPoliceTable = "FACTS §2 · FDLE iMessage FAQ, as reported (iTechPost, iLounge 2016)"
	SrcRetention   = "FACTS §3 · Apple to The Intercept (30 d); Legal Process Guidelines (25 d)"
	SrcStatute     = "FACTS §3 · 18 U.S.C. §3123"
	SrcIDS         = "FACTS §4 · Apple Platform Security guide"
	SrcWire        = "FACTS §4 · open-source IDS clients (behaviour only)"
	SrcCache       = "FACTS §4 · client cache, open-source IDS clients"
	SrcColours     = "FACTS §5 · Apple support 104972"
	SrcFallback    = "FACTS §5 · Apple support 104972 (Send as SMS)"
	SrcEmailRed    = "FACTS §5 · Six Colors 2025"
	SrcStale       = "FACTS §5 · Apple, Deregister iMessage"
	SrcRCS         = "FACTS §5 · iOS 18 RCS (order uncertain)"
	SrcAssumption  = "assumption"
)
