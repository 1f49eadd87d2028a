package sim

// FactStatus says how firmly a fact the app states is established. The
// Sources screen groups facts by it, so a reader can tell the law apart
// from a press report and both apart from a choice the simulator made.
type FactStatus int

// The statuses. The zero value is deliberately not a status: a fact whose
// status was forgotten must not pass for a confirmed one.
const (
	// Confirmed facts rest on a primary source: a statute, a court
	// decision, Apple's own published documents, or a published study.
	Confirmed FactStatus = iota + 1
	// Reported facts rest on press reports of the leaked police document,
	// on what Apple told journalists, or on the behaviour of open-source
	// clients; FACTS.md's "uncertain" points are reported too.
	Reported
	// Assumption marks a choice bluegreen makes where no source settles it,
	// and everything the simulator invents (place names, tokens).
	Assumption
)

// String is the status as the Sources screen labels it.
func (s FactStatus) String() string {
	switch s {
	case Confirmed:
		return "confirmed"
	case Reported:
		return "reported, unconfirmed"
	case Assumption:
		return "simulator assumption"
	}
	return "unknown"
}

// Fact is one claim the app makes, with where it comes from. Claims are
// in the project's own words; Source names the source itself, as a reader
// could look it up ("18 U.S.C. §3123(c)", "The Intercept, 2016-09-28").
type Fact struct {
	ID      string     // stable, kebab-case: lets a screen link to a fact
	Claim   string     // what the app says, in one or two plain sentences
	Source  string     // a Src* tag or a fuller citation; "assumption · why" for assumptions
	Status  FactStatus // how firmly it is established
	Section string     // the topic it belongs to: "§1"…"§8" (see Topic), or "simulator"
}

// Topic names a fact's section for readers: the Sources document groups
// facts under these headings.
func Topic(section string) string {
	switch section {
	case "§1":
		return "The story: the leaked FAQ and the lookup log"
	case "§2":
		return "The log's columns"
	case "§3":
		return "Retention and the law"
	case "§4":
		return "The lookup on the wire"
	case "§5":
		return "The colour decision"
	case "§6":
		return "Fictional data and what an IP reveals"
	case "§7":
		return "Designs that leak less"
	case "§8":
		return "Content is not only on the wire"
	}
	return "The simulation itself"
}

// Sources cited by facts that no Src* tag in sources.go covers. They are
// constants, not variables, so the registry has no mutable state.
const (
	srcBiddle       = "The Intercept, 2016-09-28 (Sam Biddle, “Apple Logs Your iMessage Contacts — and May Share Them With Police”)"
	srcFDLE         = "FDLE “iMessage FAQ for Law Enforcement” (Electronic Surveillance Support Team), via The Intercept, 2016-09-28"
	srcLPGTerms     = "Apple Legal Process Guidelines (“lookup handle”, “iMessage capable”)"
	srcDisclaimer   = "iLounge 2016 (the table's disclaimer); Apple's statement to the press, 2016"
	srcStatutes     = "18 U.S.C. §§3121–3127"
	srcCertify      = "18 U.S.C. §3123(a)"
	srcPeriod       = "18 U.S.C. §3123(c)"
	srcSealed       = "18 U.S.C. §3123(d)"
	srcApplicant    = "18 U.S.C. §3122(a), (b)(2); Fla. Stat. §934.32"
	srcDefinition   = "18 U.S.C. §3127"
	srcFDLEFraming  = "18 U.S.C. §3127, as the FDLE FAQ applies it (via The Intercept, 2016-09-28)"
	srcExtensions   = "The Intercept, 2016-09-28; 18 U.S.C. §3123(c)"
	srcFlorida      = "Fla. Stat. §§934.31–934.34"
	srcFloridaTimes = "Fla. Stat. §934.33"
	srcSmith        = "Smith v. Maryland, 442 U.S. 735 (1979)"
	srcCarpenter    = "Carpenter v. United States, 585 U.S. 296 (2018)"
	srcHood         = "United States v. Hood, 920 F.3d 87 (1st Cir. 2019)"
	srcFiction      = "ranges reserved for fiction (555-0100…0199; Ofcom +44 7700 900xxx) and RFC 2606 names"
	srcDocIPs       = "RFC 5737 and RFC 3849 (IP ranges reserved for documentation)"
	srcGeoIP        = "how IP geolocation and carrier gateways work (general practice; no single source)"
	srcHagen        = "Hagen et al., NDSS 2021; Signal"
	srcSignal       = "Signal private contact discovery (2017 SGX enclave; 2022 ORAM service)"
	srcPIRPSI       = "PIR-PSI (Demmler et al., 2018)"
	srcLiveCaller   = "Apple, Live Caller ID Lookup (iOS 18)"
	srcMetadata     = "what private discovery still reveals (the IP and time of the query)"
	srcOPRF         = "Kales et al., USENIX Security 2019; RFC 9497 (OPRFs)"
	srcBackup       = "Apple Legal Process Guidelines (iCloud content under a search warrant); Apple, Advanced Data Protection (Dec 2022)"
)

// Facts lists every fact bluegreen states — on screen, in lessons and in
// the README — with its source and status. It builds a fresh slice on
// each call so no caller can change what another sees.
func Facts() []Fact {
	var out []Fact
	out = append(out, storyFacts()...)
	out = append(out, logFacts()...)
	out = append(out, lawFacts()...)
	out = append(out, wireFacts()...)
	out = append(out, colourFacts()...)
	out = append(out, fakeDataFacts()...)
	out = append(out, designFacts()...)
	out = append(out, contentFacts()...)
	return out
}

// FactByID finds one fact, so a screen can cite it by its stable ID.
func FactByID(id string) (Fact, bool) {
	for _, f := range Facts() {
		if f.ID == id {
			return f, true
		}
	}
	return Fact{}, false
}

// storyFacts are the story: the leak and what it says about the lookup.
func storyFacts() []Fact {
	return []Fact{
		{"story-leak", "A leaked Florida Department of Law Enforcement document, the “iMessage FAQ for Law Enforcement”, set out what Apple gives police for an iMessage account under a pen-register / trap-and-trace order.", srcBiddle, Reported, "§1"},
		{"story-faq-origin", "The FAQ came from FDLE's Electronic Surveillance Support Team; it is marked for official use only and its author is unknown.", srcFDLE, Reported, "§1"},
		{"lookup-on-entry", "When a number is entered for a new conversation, Messages asks Apple's servers whether it is on iMessage, to choose a blue or a green bubble.", SrcIntercept, Reported, "§1"},
		{"lookup-logged", "Apple logs each of those lookups. Apple called the leaked document's account of the logging “generally accurate”.", SrcIntercept, Reported, "§1"},
		{"log-reveals-location", "The log keeps the time, the number entered and the asking device's IP address, which can reveal where the person was — although Apple said in 2013 that it did not store customers' location data.", SrcIntercept, Reported, "§1"},
		{"logged-without-sending", "A number can be logged even if no message is ever sent to it: typed, then abandoned.", SrcIntercept, Reported, "§1"},
		{"other-apps", "Other apps, such as Contacts, may also make lookups.", srcFDLE, Reported, "§1"},
		{"trigger-timing", "Exactly when lookups fire, and how often, is not known: the document only implies it is when a new conversation is opened and a recipient chosen.", srcFDLE, Reported, "§1"},
		{"not-every-message", "FDLE did not believe every iMessage sent triggers a lookup, because the phone caches answers.", srcFDLE, Reported, "§1"},
		{"not-real-time", "The log is not handed to police in real time.", srcFDLE, Reported, "§1"},
		{"no-contents", "The log holds no message contents.", SrcAppleStatement, Reported, "§1"},
		{"no-proof-of-contact", "The log does not prove that any communication took place; the police table carries a disclaimer saying so.", srcDisclaimer, Reported, "§1"},
		{"apple-statement", "Apple said that when police present a valid subpoena or court order it provides the information it holds, including server logs from some apps, and that these query logs hold no conversation contents and do not prove any communication took place.", SrcAppleStatement, Reported, "§1"},
		{"sim-trigger-policy", "bluegreen looks a number up the moment typed text becomes a complete handle (as-you-type); on-commit and on-send are settings because the real timing is unknown.", "assumption · the FDLE FAQ only implies when lookups fire", Assumption, "§1"},
		{"sim-email-trigger", "As you type, bluegreen looks an email address up only once its domain is a whole reserved name (example.com, example.org, example.net, or a .example, .test or .invalid domain); any other address is refused. Real phones' timing is unknown; the rule keeps the simulation from logging real domains such as example.co that a typed address passes through.", "assumption · trigger timing is unknown; only reserved domains are fictional", Assumption, "§1"},
		{"sim-contacts-card", "Opening a contact card in bluegreen looks up every handle on it.", "assumption · the FDLE FAQ says only “possibly” other apps such as Contacts", Assumption, "§1"},
	}
}

// logFacts are the five columns police receive.
func logFacts() []Fact {
	return []Fact{
		{"col-date-time", "Date/Time: when the lookup reached Apple.", SrcPoliceTable, Reported, "§2"},
		{"col-source-handle", "Source handle: the account that made the lookup — the target of a pen register.", SrcPoliceTable, Reported, "§2"},
		{"col-lookup-handle", "Lookup handle: the phone number, email address or Apple ID looked up.", srcLPGTerms, Reported, "§2"},
		{"col-client-ip", "Client IP: the IP address the lookup came from (in reality, the device's push-service connection).", SrcPoliceTable, Reported, "§2"},
		{"col-lookup-devices", "Lookup devices: how many iMessage-capable devices were found for the lookup handle; 0 means not on iMessage.", SrcPoliceTable, Reported, "§2"},
		{"col-format", "The exact header spelling, date format and time zone of Apple's real table are not known.", SrcPoliceTable, Reported, "§2"},
		{"sim-utc", "bluegreen prints the log's times in UTC, to the second.", "assumption · the reported table's date format and time zone are uncertain", Assumption, "§2"},
	}
}

// lawFacts are retention, the statutes and the cases.
func lawFacts() []Fact {
	return []Fact{
		{"retention-2016", "Apple keeps the lookup logs for 30 days (what Apple told The Intercept in 2016).", SrcRetention2016, Reported, "§3"},
		{"retention-today", "Apple's current Legal Process Guidelines (Oct 2025, as quoted by secondary sources) keep “iMessage capability query logs” for up to 25 days.", SrcRetentionToday, Reported, "§3"},
		{"retention-setting", "The two figures differ — 30 days in 2016, up to 25 days today — so bluegreen makes retention a setting: the 2016 and today presets.", SrcRetention, Reported, "§3"},
		{"sim-purge", "bluegreen deletes a row the moment it is older than the retention period; how and when Apple really deletes is not known.", "assumption · only the retention period is reported", Assumption, "§3"},
		{"police-keep-rows", "Retention is Apple's: rows police already received stay in their files after Apple deletes its copy.", "assumption · follows from what a production is", Assumption, "§3"},
		{"prtt-statute", "Federal pen registers and trap-and-trace devices are governed by 18 U.S.C. §§3121–3127.", srcStatutes, Confirmed, "§3"},
		{"prtt-certify", "The court shall issue a pen-register or trap-and-trace order when the government certifies that the information is likely relevant to an ongoing criminal investigation; the judge does not weigh evidence.", srcCertify, Confirmed, "§3"},
		{"prtt-applicant", "Federally an attorney for the government applies; a state or local law-enforcement officer may apply where state law allows; in Florida an investigative or law-enforcement officer applies.", srcApplicant, Confirmed, "§3"},
		{"prtt-60-days", "A pen-register or trap-and-trace order lasts up to 60 days, and each extension up to 60 days more.", srcPeriod, Confirmed, "§3"},
		{"prtt-forward", "A pen-register or trap-and-trace order is prospective: it authorises recording from when it is entered, and its period never reaches back before the order.", srcPeriod, Confirmed, "§3"},
		{"prtt-in-short", "In short: the government certifies relevance, the court shall issue the order, it lasts up to 60 days at a time, and it is sealed.", SrcStatute, Confirmed, "§3"},
		{"prtt-sealed", "The order is sealed, and the provider must not tell the subscriber.", srcSealed, Confirmed, "§3"},
		{"prtt-no-contents", "Pen registers and trap-and-trace devices collect dialing, routing, addressing or signaling information — never contents.", srcDefinition, Confirmed, "§3"},
		{"prtt-lookups-framing", "Treating Apple's lookup log as pen-register or trap-and-trace information is the FDLE FAQ's framing; how Apple really answers such orders for these logs is not public.", srcFDLEFraming, Reported, "§3"},
		{"pr-vs-tt", "A pen register records what the target's device sends out (here: the handles the target looks up); a trap and trace records what reaches the target (here: who looks the target up).", srcDefinition, Confirmed, "§3"},
		{"stored-records", "Records Apple already holds from before an order are stored records, reached with a §2703(d) order: the government must offer specific and articulable facts showing reasonable grounds to believe they are relevant and material to an ongoing criminal investigation — more than a pen register's certification, far less than a warrant's probable cause.", SrcStoredRecords, Confirmed, "§3"},
		{"warrant-content", "Message content is another matter: Apple's Legal Process Guidelines say it provides stored content, such as an iCloud Backup, only under a search warrant, which needs probable cause.", srcBackup, Confirmed, "§3"},
		{"sim-production-rule", "bluegreen's rule for what Apple produces: a pen register or trap and trace yields the target's rows logged from the order's entry, within its period, that Apple still retains on each production date; a §2703(d) order yields what Apple still retains on the production date, in the direction the order names.", "assumption · how Apple answers these orders is not public (its statement says “subpoena or court order”)", Assumption, "§3"},
		{"extensions-snapshots", "The Intercept wrote that such orders are typically extended 30 days at a time, so 30-day log snapshots can be strung together; the statute allows extensions of up to 60 days.", srcExtensions, Reported, "§3"},
		{"productions-gaps", "Each production can only hold what is still retained when it is made, so productions further apart than the retention period leave gaps.", "assumption · follows from retention and the simulator's production rule", Assumption, "§3"},
		{"florida-prtt", "Florida's equivalents are Fla. Stat. §§934.31–934.34.", srcFlorida, Confirmed, "§3"},
		{"florida-intervals", "Under Florida's law the results are furnished at reasonable intervals while the order lasts.", srcFloridaTimes, Confirmed, "§3"},
		{"smith-v-maryland", "Smith v. Maryland (1979): collecting pen-register data is not a Fourth Amendment search, because numbers dialled are shared with the phone company.", srcSmith, Confirmed, "§3"},
		{"carpenter", "Carpenter v. United States (2018): police need a warrant for 7 or more days of historical cell-site location records — a narrowing of Smith's third-party reasoning.", srcCarpenter, Confirmed, "§3"},
		{"carpenter-ip", "Courts have mostly declined to extend Carpenter to IP addresses.", srcHood, Confirmed, "§3"},
	}
}

// wireFacts are the query, the answer and the cache.
func wireFacts() []Fact {
	return []Fact{
		{"ids-lookup", "On entering a number or email, the device asks Apple Identity Service (IDS) for the public keys and push (APNs) addresses of all the addressee's devices.", SrcIDS, Confirmed, "§4"},
		{"ids-metadata", "Metadata such as timestamps and routing information is not encrypted end to end.", SrcIDS, Confirmed, "§4"},
		{"wire-request", "The lookup uses bag key id-query at query.ess.apple.com, carried inside the phone's push connection (APNs command 96, topic com.apple.madrid) rather than as a plain HTTPS call.", SrcWire, Reported, "§4"},
		{"wire-body", "The body is a gzipped property list of the handles asked about (“uris”); clients split batches above 20 handles into several queries.", SrcWire, Reported, "§4"},
		{"sim-wire-decoded", "bluegreen shows the lookup decoded — the property list as JSON, the request as a POST line — for reading; on the wire it is a gzipped plist inside the APNs connection.", "assumption · a readable rendering of a binary message", Assumption, "§4"},
		{"wire-self-uri", "The x-id-self-uri header carries the sender's own handle — the log's source handle.", SrcWire, Reported, "§4"},
		{"wire-headers", "Other headers carry the protocol version, push token, identity certificate, a nonce (0x01, a millisecond timestamp, 8 random bytes) and a signature over nonce, bag key, body and push token.", SrcWire, Reported, "§4"},
		{"sim-protocol-version", "The protocol version and user agent bluegreen shows (1640, com.apple.madrid-lookup) are values open-source clients send today, shown beside 2016 scenarios too; what a 2016 phone sent is not known.", "assumption · no source gives the 2016 values", Assumption, "§4"},
		{"wire-response", "Apple answers with one identity per registered device (push token, session token, public keys); an unregistered handle gets empty identities.", SrcWire, Reported, "§4"},
		{"wire-errors", "Error statuses include 7000 (rate limited), 6005 (refresh credentials) and 5206 (response too large).", SrcWire, Reported, "§4"},
		{"wire-unregistered-status", "The per-handle status code Apple returns for an unregistered handle is not known.", SrcWire, Reported, "§4"},
		{"sim-unregistered-status", "bluegreen answers status 0 with empty identities for an unregistered handle.", "assumption · the per-handle status is uncertain", Assumption, "§4"},
		{"sim-fake-tokens", "Every token, key, certificate, nonce and signature bluegreen shows is fake, derived from the scenario's seed.", "assumption · simulated values (only their shape is described)", Assumption, "§4"},
		{"handles-e164", "Phone numbers travel as E.164 (tel:+ country code and number, at most 15 digits, no dashes); emails as lower-case mailto: handles; typed numbers are read with the phone's country as default region.", SrcWire, Reported, "§4"},
		{"cache-repeat", "The phone caches answers: a repeat lookup within the refresh interval sends nothing to Apple, so it leaves no new row.", SrcCache, Reported, "§4"},
		{"cache-lifetimes", "Open clients refresh a positive answer after about a day, a negative one after about an hour, and discard after about 7 days; Apple's own values come per identity from the server.", SrcCache, Reported, "§4"},
		{"sim-cache-lifetimes", "bluegreen's scenarios use 24 hours, 1 hour and 7 days for every answer, and use a stale cached answer when there is no data connection.", "assumption · Apple sends its own values per identity", Assumption, "§4"},
		{"rate-limit", "Apple rate-limits lookups per account.", SrcWire, Reported, "§4"},
		{"sim-rate-limit-figure", "The scenarios' limit of 100 lookups an hour is made up.", "assumption · no source gives Apple's figure", Assumption, "§4"},
		{"sim-rate-limited-not-logged", "A lookup refused as rate limited is not logged.", "assumption · no source says whether refused lookups are kept", Assumption, "§4"},
		{"sim-rate-limited-green", "When Apple refuses a lookup as rate limited, the phone treats the handle as not on iMessage: a false green.", "assumption · status 7000 is reported, not how the phone reacts", Assumption, "§4"},
	}
}

// colourFacts are how Messages picks a colour.
func colourFacts() []Fact {
	return []Fact{
		{"blue-green", "Blue means iMessage, end-to-end encrypted; green means SMS or MMS, not encrypted.", SrcColours, Confirmed, "§5"},
		{"imessage-off-green", "With the sender's iMessage switched off, messages go green.", SrcColours, Confirmed, "§5"},
		{"unregistered-green", "A recipient with no registered devices gets green: an SMS text, or MMS for media and groups.", SrcColours, Confirmed, "§5"},
		{"group-green", "A group with any member not on iMessage is an MMS group: the whole conversation is green.", SrcColours, Confirmed, "§5"},
		{"send-as-sms", "When iMessage cannot be delivered (no data, or delivery fails) and Send as SMS is on, the message is re-sent as a text: green, “Sent as Text Message”.", SrcFallback, Reported, "§5"},
		{"not-delivered", "With Send as SMS off it shows “Not Delivered” with a red !, offering Try Again and Send as Text Message.", SrcFallback, Reported, "§5"},
		{"email-red", "In the To: field an email on iMessage shows blue, an email not on iMessage shows red (“iMessage can't be used”), and a phone number not on iMessage shows green.", SrcEmailRed, Reported, "§5"},
		{"stale-registration", "Someone who moved their number to Android stays registered until they deregister (or it times out): senders see blue and the messages never arrive.", SrcStale, Confirmed, "§5"},
		{"rcs-ios18", "Since iOS 18 (Sept 2024), RCS is used where both carriers support it: still green, labelled RCS, not end-to-end encrypted.", SrcRCS, Reported, "§5"},
		{"rcs-order", "The order iMessage, then RCS, then SMS is commonly described but not documented by Apple.", SrcRCS, Reported, "§5"},
		{"sim-rcs-order", "bluegreen follows that order, and sends RCS only with a data connection.", "assumption · the RCS order is uncertain", Assumption, "§5"},
		{"email-imessage-only", "RCS and SMS address phone numbers only: an email address can be reached only by iMessage, so a group with an email address and a member not on iMessage cannot be sent (carriers that gateway MMS to email are out of scope).", SrcEmailOnlyByIMsg, Assumption, "§5"},
		{"sim-no-lookup-imessage-off", "With iMessage switched off, the phone asks Apple nothing: no lookups, no log rows — and it cannot know who is on iMessage.", "assumption · lookups need iMessage to be on (not documented)", Assumption, "§5"},
		{"sim-no-lookup-offline", "Without a data connection the phone asks Apple nothing and relies on cached answers.", "assumption · a lookup needs a connection (not documented)", Assumption, "§5"},
		{"sim-email-offline", "Offline, a conversation that includes an email address can only be retried: an email address cannot receive a text.", "assumption · follows from email reaching only iMessage", Assumption, "§5"},
		{"sim-today-preset", "The today scenario is the world of iOS 18 as bluegreen models it (RCS, up to 25 days' retention), set on a fictional date in 2026.", "assumption · a modelled world, not a measurement of today's iPhones", Assumption, "§5"},
	}
}

// fakeDataFacts are why every number and address is safe, and what an
// IP address reveals.
func fakeDataFacts() []Fact {
	return []Fact{
		{"fiction-numbers", "Phone numbers 555-0100 to 555-0199 (North America) and +44 7700 900000 to 900999 (UK) are reserved for fiction; bluegreen uses only these.", srcFiction, Confirmed, "§6"},
		{"fiction-emails", "Email addresses use only example.com, example.org and example.net, or the reserved top-level domains .example, .test and .invalid.", srcFiction, Confirmed, "§6"},
		{"doc-ips", "IP addresses come only from the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.", srcDocIPs, Confirmed, "§6"},
		{"ip-coarse", "Commercial geolocation of an IP address is usually city- or ISP-level, not a street; naming a home needs the ISP's subscriber records, which takes more legal process (such as a subpoena to the ISP).", srcGeoIP, Reported, "§6"},
		{"ip-cellular-gateway", "A cellular IP address is usually a carrier gateway shared by many customers: switching to cellular changes the IP without the person moving.", srcGeoIP, Reported, "§6"},
		{"sim-place-names", "Any place name attached to an IP address is part of the simulation, and coarse on purpose: a city, an ISP or a carrier gateway.", "assumption · simulated places for documentation IP ranges", Assumption, "§6"},
		{"sim-others", "Other people's lookups of you — Ana most mornings, a stranger once — are scheduled by the scenario and invented.", "assumption · simulated", Assumption, "simulator"},
		{"sim-everything-simulated", "Every person, registration, scenario and log row in bluegreen is simulated; Apple is never contacted.", "assumption · simulated", Assumption, "simulator"},
	}
}

// designFacts are designs that leak less, for comparison.
func designFacts() []Fact {
	return []Fact{
		{"hashes-reversible", "Hashing numbers does not hide them: there are at most 10^10 numbers in North America, and a table of all ~118 billion mobile numbers worldwide has been built; Signal called its own pre-2017 truncated-hash scheme reversible.", srcHagen, Confirmed, "§7"},
		{"signal-discovery", "Signal matches contacts inside an attested SGX enclave, using oblivious algorithms there since 2017; its 2022 service moved the matching onto an ORAM layer for speed at scale. Queries are rate-limited.", srcSignal, Confirmed, "§7"},
		{"pir-psi", "Private set intersection can match 1,024 contacts against 67 million in about 1.4 seconds.", srcPIRPSI, Confirmed, "§7"},
		{"live-caller-id", "Apple uses private information retrieval for Live Caller ID Lookup (iOS 18): the server, run by the app's developer rather than Apple, does not learn the number asked about.", srcLiveCaller, Confirmed, "§7"},
		{"live-caller-id-relay", "Live Caller ID Lookup sends its queries through an Oblivious HTTP relay: the server sees neither the number nor the IP, and the relay sees the IP but not the query.", srcLiveCaller, Confirmed, "§7"},
		{"private-still-leaks", "Even private discovery still tells the server that someone at this IP asked something at this time — unless the query also travels through a relay.", srcMetadata, Confirmed, "§7"},
		{"design-comparisons", "Every design but apple in bluegreen is a comparison built to show what a log under it would hold — never what Apple does.", "assumption · the simulator's comparisons", Assumption, "§7"},
		{"design-hashed", "Comparison design hashed: the phone sends a truncated SHA-256 of the handle and the log keeps the hash; bluegreen reverses it by hashing every number of the 555-01xx block and the area code, and measures the rate.", srcHagen, Confirmed, "§7"},
		{"design-private", "Comparison design private: real OPRF contact discovery (RFC 9497, ristretto255): Apple evaluates a blinded element and logs the time, account and IP but not the number; the account's rate limit is what stops enumeration.", srcOPRF, Confirmed, "§7"},
		{"design-private-relay", "Comparison design private+relay: the relay's log holds the IP and time; Apple's holds the account and, for a match, the OPRF output used to fetch the keys — but no IP. The key fetch by OPRF output is the simulator's model.", srcLiveCaller, Confirmed, "§7"},
		{"design-no-log", "Comparison design no-log: a stored-records order finds nothing, but a pen register or trap and trace makes the provider record from the order's entry on.", srcPeriod, Confirmed, "§7"},
		{"design-rate-limit", "The classroom scenario's 100 lookups an hour per account is the simulator's number, not Apple's: Apple rate-limits lookups, but its limits are not public.", "assumption · rate limit", Assumption, "§7"},
		{"oprf-discovery", "OPRF-based contact discovery: the phone blinds each number, the server evaluates an oblivious PRF without seeing it, and the phone matches the result against a published set; only rate limits stop someone enumerating every number through it.", srcOPRF, Confirmed, "§7"},
	}
}

// contentFacts are where message content can still be read.
func contentFacts() []Fact {
	return []Fact{
		{"content-e2e", "iMessage content is end-to-end encrypted in transit.", SrcIDS, Confirmed, "§8"},
		{"content-backup", "In 2016 an iCloud Backup, when on, held message content under keys Apple holds, which Apple provides under a search warrant; Messages in iCloud (2018) is the same unless Advanced Data Protection (Dec 2022) is on.", srcBackup, Confirmed, "§8"},
	}
}
