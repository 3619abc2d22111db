## Netwerkacties: voorstellen, de kaart in de groep, steun, bedenkingen, toezeggingen en de oogst.
## Alle tekst is HTML voor Telegram: alleen <b>, <i> en <a> gebruiken.

## Een voorstel schrijven (privégesprek)

draft-started-group = Fijn, { $name }! Ik stel je een paar korte vragen in ons privégesprek. De groep ziet straks je voorstel.
draft-started-group-link = Fijn, { $name }! Kies hieronder, dan stel ik je een paar korte vragen in een privégesprek. De groep ziet straks je voorstel.
draft-button-continue-private = Verder in een privégesprek
draft-intro = We maken samen een voorstel voor <b>{ $group }</b>. Ik stel een paar korte vragen; elke vraag mag je overslaan. Vergist? Kies Vorige vraag.
draft-resumed = Je was al bezig met een voorstel voor <b>{ $group }</b>. We gaan verder waar je was.
draft-expired = Je vorige voorstel lag meer dan een dag stil. Geen punt: we beginnen gewoon opnieuw.
draft-no-group = Een voorstel hoort bij een groep. Voeg mij eerst toe aan de groep van jullie initiatief en typ daar /actie.
draft-pick-group = Voor welke groep is je voorstel?
draft-not-in-group = Deze knop hoort bij een groep waar ik je nog niet heb gezien. Typ /actie in je eigen groep.
draft-back = We waren ook nog bezig met je voorstel. Hier gaan we verder.
draft-gone = Dit voorstel bestaat niet meer. Typ /actie in de groep om opnieuw te beginnen.
draft-group-gone = Ik zit niet meer in <b>{ $group }</b>, dus ik kan het voorstel daar niet plaatsen. Voeg mij opnieuw toe aan de groep.

draft-ask-title =
    <b>Wat ga je doen?</b>
    Kort en concreet, bijvoorbeeld: <i>Soep koken voor de straat</i>.
draft-title-long =
    Mooi plan! Het is wel een lange zin ({ $length } tekens). Een goede netwerkactie is eenvoudig: lukt het in een paar woorden, zo'n { $limit } tekens?
    Typ een kortere versie, of laat het zo.
draft-title-needed = Een voorstel heeft een naam nodig, dan weet de groep waar het over gaat.
draft-ask-with-whom =
    <b>Met wie?</b>
    Een netwerkactie doe je niet alleen. Wie beweegt er al, en kunnen we die meenemen? { $shortlist ->
        [0] Typ een naam: een buur, een club, een organisatie.
       *[other] Kies hieronder iemand van jullie shortlist, of typ een naam.
    }
draft-ask-moving =
    Wie beweegt er al in de buurt? Denk aan de wijkregisseur, een buurtburgemeester of actieve buren.
    <i>Werk daar waar de energie is.</i> Typ een naam, of sla deze vraag over.
draft-ask-when =
    <b>Wanneer?</b>
    Typ een dag, bijvoorbeeld: <i>zaterdag</i>, <i>morgen</i>, <i>12 december</i> of <i>over twee weken</i>.
    Weet je al hoe laat? Zet de tijd erbij: <i>zaterdag 14:00</i>.
draft-when-unclear = Die datum begrijp ik niet, of hij is al voorbij. Probeer bijvoorbeeld: <i>zaterdag</i>, <i>12 december</i> of <i>over twee weken</i>.
draft-when-noted = Genoteerd: <b>{ $day }</b>{ $part }.
draft-when-noted-at = Genoteerd: <b>{ $day }, { $time }</b>.
draft-when-time-only = Om <b>{ $time }</b>, genoteerd. Op welke dag? Typ bijvoorbeeld <i>zaterdag</i> of <i>12 december</i>.
draft-when-long =
    Dat is { $day }, over { $days } dagen. Een goede netwerkactie is kort.
    Past er een eerste, kleinere stap binnen { $max } dagen?
draft-ask-first-step = Wat is die eerste stap? Typ het in een paar woorden, bijvoorbeeld: een proefmiddag in het buurthuis.
    Je grote plan blijft het doel: { $goal }.
draft-first-step-noted = Genoteerd, de eerste stap: <b>{ $title }</b>.
draft-smaller-step = Goed idee: klein beginnen. <i>Denk vooruit, maar werk in het nu.</i>
draft-ask-existing =
    <b>Sluit het aan bij iets dat al gebeurt?</b>
    Niet opnieuw het wiel uitvinden: meedoen met wat er al speelt is vaak genoeg. { $agenda ->
        [0] Typ wat het is, of kies Nee.
       *[other] Kies iets uit jullie agenda, typ wat het is, of kies Nee.
    }
draft-ask-need =
    <b>Geven en vragen</b>
    Wat hebben wij nodig?
draft-ask-offer = En ook: wat kunnen wij voor elkaar en voor de buurt betekenen?
draft-ask-contagious =
    <b>Aanstekelijk</b>
    Hoe kunnen anderen meedoen, of het nadoen?
draft-choice-gone = Die keuze bestaat niet meer. Kies opnieuw of typ het.
draft-use-buttons = Kies hieronder wat je wilt doen.
draft-empty = Ik zag geen tekst. Typ je antwoord, of kies hieronder.
draft-stopped = Goed, ik heb het voorstel weggegooid. Typ /actie in de groep als je opnieuw wilt beginnen.
draft-summary =
    <b>Je voorstel</b>
    { $body }

    Zal ik het in de groep plaatsen?
draft-tips =
    <b>Tips</b>
    { $tips }
draft-ask-redo = Welke vraag wil je opnieuw beantwoorden?
draft-posted = Je voorstel staat in <b>{ $group }</b>. Zodra genoeg mensen het steunen, gaat het door. Ik laat het je weten.
draft-posted-tips =
    { $posted }

    <b>Alleen voor jou: zo wordt het nog sterker</b>
    { $tips }
draft-posted-tip =
    👉 <b>{ $block }</b>
    { $tip }

draft-button-skip = Overslaan
draft-button-stop = Stoppen
draft-button-keep = Zo laten
draft-button-as-is = Toch zo
draft-button-smaller = Kleinere eerste stap
draft-button-no = Nee
draft-button-post = Plaatsen
draft-button-edit = Aanpassen
draft-button-back = Terug
draft-redo-title = Wat ga je doen?
draft-redo-with-whom = Met wie?
draft-redo-when = Wanneer?
draft-redo-existing = Sluit het aan?
draft-redo-need = Geven en vragen
draft-redo-contagious = Aanstekelijk

detail-title = 💡 <b>{ $title }</b>
detail-when = 📅 { $day }
detail-when-at = 📅 { $day }, { $time }
# Een dag met de tijd van de actie, in een zin of lijst: "zaterdag 5 december, 14:00".
day-at = { $day }, { $time }
# A time of day: Brug gives "14:00" ($h24) and "2:00 PM" ($h12); the default variant is how this language writes it.
time-of-day = { $clock ->
        [h12] { $h12 }
       *[h24] { $h24 }
    }
detail-with-whom = 🤝 Samen met: { $text }
detail-joins = 📍 Sluit aan bij: { $text }
detail-need = 🙏 Wat we nodig hebben: { $text }
detail-offer = 🎁 Wat we kunnen betekenen: { $text }
detail-contagious = ✨ Zo doen anderen mee: { $text }

## De bouwstenen

blocks-line = { $samen } · { $eenvoudig } · { $kort } · { $besmettelijk } · { $hierennu } · { $wederkerig }
block-covered = ✅ { $block }
block-open = ◻️ { $block }
## Namen in gewone woorden; de woorden uit het onderzoek staan in de tips.
block-samen = samen
block-eenvoudig = eenvoudig
block-kort = kort
block-besmettelijk = aanstekelijk
block-hier-en-nu = sluit aan
block-wederkerig = geven en vragen
## Op de kaart in de groep: alleen wat al goed is.
blocks-chips = { $chip } · { $more }
block-chip-samen = 🤝 { block-samen }
block-chip-eenvoudig = ✨ { block-eenvoudig }
block-chip-kort = 📅 { block-kort }
block-chip-besmettelijk = 🌱 { block-besmettelijk }
block-chip-hier-en-nu = 📍 { block-hier-en-nu }
block-chip-wederkerig = 🔁 { block-wederkerig }
tip-samen = 🤝 <i>Samen met anderen:</i> maak van de longlist een shortlist. Wie beweegt er al en kan je meenemen?
tip-eenvoudig = ✂️ <i>Eenvoudig:</i> slimme netwerkacties zijn in een paar woorden te vertellen.
tip-kort = ⏱ <i>Denk vooruit, maar werk in het nu:</i> doe wat nú mogelijk is, ook al is dat klein of tijdelijk.
tip-besmettelijk = ✨ <i>Besmettelijk:</i> maak het makkelijk om aan te haken, ook voor wie geen lid is.
tip-hier-en-nu = 📍 <i>In het hier en nu:</i> sluit aan bij wat al gebeurt. Niet opnieuw het wiel uitvinden.
tip-wederkerig = 🔁 <i>Bouw aan wederkerige relaties:</i> vraag niet alleen “Wat hebben wij nodig?”, maar ook “Wat kunnen we voor elkaar betekenen?”.

## De kaart in de groep

action-card-helping =
    🤝 <b>Meehelpen bij { $title }</b>
    Gestart door { $proposer }
    { $body }
action-card =
    💡 <b>{ $title }</b>
    Voorstel van { $proposer }
    { $body }
card-supporters = 👍 Steun: { $names }
card-joiners = 🙋 Doen mee: { $names }
card-neighbours-came = 🏘️ +{ $count } { $count ->
    [one] buur kwam
   *[other] buren kwamen
} ook
card-neighbours = 🏘️ +{ $count } { $count ->
    [one] buur komt
   *[other] buren komen
} ook
card-status-proposed = ⏳ Steun nodig van { $needed } { $needed ->
    [one] lid
   *[other] leden
}{ $count ->
    [0] {""}
   *[other] , nu { $count }
}. Graag vóór { $deadline }.
card-status-proposed-closed = ⏸ Dit voorstel wacht even. { $proposer } kijkt of het kleiner of later kan.
card-status-running = 🚀 Dit gaat door! Doe je mee?
card-status-helping = 🤝 We helpen mee bij wat er al gebeurt. Doe je mee? Kies 🙋 Ik doe mee en zeg wat je doet.
card-status-running-today = 🚀 Het is vandaag! Doe je mee?
card-status-running-past = 📅 Dit was op { $day }. Hoe ging het? Vertel het in de groep.
card-status-done = 🎉 Gedaan. Dank je wel allemaal!
card-status-let-go = Losgelaten.
card-button-support = 👍 Steun
card-button-join = 🙋 Ik doe mee
card-button-concern = 💬 Bedenking
card-concerns = 💬 { $count } { $count ->
    [one] bedenking
   *[other] bedenkingen
}
card-concerns-quoted =
    💬 { $count } { $count ->
        [one] bedenking
       *[other] bedenkingen
    }
    <i>{ $name }: { $text }</i>
card-closed = Deze actie is afgerond. Dank je wel!
support-added = Dank je! Je steunt dit voorstel.
support-withdrawn = Je steun is ingetrokken. Kies nog eens 👍 Steun als je het toch steunt.
support-own = Dit is je eigen voorstel. We wachten op de steun van anderen.
action-running-group = 🚀 <b>{ $title }</b> heeft genoeg steun en gaat door! Dank je, { $proposer }. Wie doet er mee? Kies 🙋 Ik doe mee bij het voorstel.
action-running-proposer = 🚀 Je voorstel <b>{ $title }</b> heeft genoeg steun en gaat door!

concern-ask = { $mention }, wat is je bedenking bij <b>{ $title }</b>? Antwoord op dit bericht, dan geef ik het door.
concern-dropped = Goed, dan geef ik niets door.
concern-placeholder = Mijn bedenking…
concern-own = Dit is je eigen voorstel. Wil je iets veranderen? Dat kan met /actie.
concern-ask-private = 💬 Wat is je bedenking bij <b>{ $title }</b>? Typ het hier. Daarna vraag ik of de groep het mag zien.
concern-asked-privately = Ik stel je de vraag in ons privégesprek.
concern-for-proposer =
    💬 { $name } heeft een bedenking bij <b>{ $title }</b>: “{ $text }”
    Praat het gerust samen door. Wil je iets aanpassen, of reageren? Kies hieronder.
concern-in-group =
    { $mention }, { $name } heeft een bedenking: “{ $text }”
    Iedereen kan meepraten: kies 💬 Reageer.
concern-share-ask = Dank je. Mag de groep je bedenking zien? Dan kan iedereen meepraten. Anders ziet alleen { $proposer } het.
concern-share-unclear = Kies een van de twee: mag de groep je bedenking zien, of alleen { $proposer }?
concern-button-share = 👥 Ja, de groep mag het zien
concern-button-keep-private = 🔒 Alleen voor { $proposer }
concern-shared = Dank je. Je bedenking staat nu in de groep, onder het voorstel. { $proposer } weet het ook.
concern-kept-private = Goed. Alleen { $proposer } leest je bedenking. De groep ziet alleen dat er een bedenking is.
concern-button-smaller = ✏️ Kleiner maken
concern-button-later = 📅 Andere dag
concern-button-reply = 💬 Reageer
concern-private-alert = Deze bedenking is alleen voor wie het voorstel deed.
concern-reply-ask = Wat wil je zeggen op de bedenking van { $name }?
concern-answer-note =
    💬 { $whose ->
        [yes] { $name } reageert op je bedenking
        [self] { $name } schrijft nog iets over de bedenking
       *[other] { $name } reageert op de bedenking van { $author }
    } bij <b>{ $title }</b>:
    “{ $text }”
concern-answer-group = 💬 { $whose ->
        [self] { $name } schrijft nog iets over de bedenking
       *[other] { $name } reageert op de bedenking van { $author }
    }: “{ $text }”
concern-answer-passed = Dank je. Ik heb je reactie doorgegeven aan { $names }.
concern-names-two = { $first } en { $second }

notify-in-group = { $mention }: { $text }
ask-in-group =
    { $mention }: { $text }
    <i>(Antwoord op dit bericht.)</i>
answer-empty = Ik zag geen tekst. Typ je antwoord.
date-confirm = Bedoel je { $day }?
date-button-yes = Ja, { $day }
date-button-other = Nee, een andere dag
date-ask-again = Welke dag dan? Typ hem, bijvoorbeeld <i>zaterdag</i> of <i>19 december</i>.
part-morning = {" "}('s ochtends)
part-afternoon = {" "}('s middags)
part-evening = {" "}('s avonds)
answer-too-late = Dank je! Dit hoeft niet meer: het is intussen veranderd.
date-unclear = Die datum begrijp ik niet, of hij is al voorbij. Probeer bijvoorbeeld: <i>zaterdag</i>, <i>12 december</i> of <i>over twee weken</i>.

## Sturen: kleiner, later, loslaten

action-decision-closed = Je voorstel <b>{ $title }</b> kreeg { $count ->
        [0] nog geen steun
       *[other] { $count } van de { $needed } keer steun
    }. Zullen we het kleiner maken, later doen, of loslaten?
steer-button-smaller = Kleiner maken
steer-button-later = Later
steer-button-letgo = Loslaten
steer-not-yours = Dit kan alleen wie het voorstelde, of een coördinator.
steer-ask-smaller = Wat is een kleinere eerste stap voor <b>{ $title }</b>? Typ het in een paar woorden.
steer-ask-later = Wanneer past <b>{ $title }</b> beter? Typ een dag, bijvoorbeeld <i>over twee weken</i> of <i>zaterdag 14:00</i>.
# Alleen een tijd getypt, maar de actie heeft (nog) geen dag die komt.
steer-later-needs-day = Om <b>{ $time }</b>, goed. Op welke dag? Typ bijvoorbeeld <i>zaterdag { $time }</i>.
steer-smaller-done = Aangepast: <b>{ $title }</b>. De groep ziet het op de kaart.
steer-later-done = Verzet: <b>{ $title }</b> op { $day }.
steer-changed-group = ✏️ Kleiner gemaakt: <b>{ $title }</b>. Steun je het?
steer-moved-group = 📅 <b>{ $title }</b> is verzet naar { $day }.
steer-letgo-confirm = Weet je het zeker? Dan laten we <b>{ $title }</b> los.
steer-button-letgo-yes = Ja, loslaten
steer-button-letgo-no = Nee, toch niet
steer-letgo-done = <b>{ $title }</b> is losgelaten. Ook dat hoort erbij.
steer-kept = Goed, <b>{ $title }</b> blijft staan.
action-let-go-group = <b>{ $title }</b> is losgelaten. Dank voor het meedenken; een volgende keer beter.

## Oogst: hoe ging het?

harvest-all-done = 🎉 Iedereen heeft zijn deel van <b>{ $title }</b> gedaan!
harvest-with-intro =
    { $intro }
    { $question }
harvest-ask-what = <b>Hoe ging het met { $title }?</b> Wat is er gebeurd?
harvest-ask-met = Wie uit de buurt hebben jullie ontmoet?
harvest-ask-reach = Hoeveel mensen buiten jullie groep heeft het ongeveer bereikt? Een getal is genoeg.
harvest-ask-again = Wie wil het nog eens doen?
harvest-button-meet = 📇 { $name } op de partnerlijst
harvest-met-note = Ontmoet bij: { $title }
harvest-met-listed = 📇 <b>{ $name }</b> staat op de partnerlijst, met waar jullie elkaar ontmoetten ({ $title }). Een coördinator kan er meer bij zetten in /partners.
harvest-button-skip = Overslaan
harvest-reach-unclear = Een getal is genoeg, bijvoorbeeld <i>12</i>. Weet je het niet? Kies Overslaan.
harvest-closed = Deze actie is al afgerond. Dank je wel!
harvest-thanks = Dank je wel! Ik heb het in de groep gevierd.
harvest-celebration =
    🎉 <b>Gedaan: { $title }!</b>
    { $lines }
harvest-line-what = Wat er gebeurde: { $text }
harvest-line-met = Wie we ontmoetten: { $text }
harvest-line-reach = We bereikten ongeveer { $count } { $count ->
        [one] buurtbewoner
       *[other] buurtbewoners
    } buiten de groep.
harvest-line-again = Nog eens? { $text }
harvest-line-thanks = Dank je wel, { $names }!
# Na de oogst, aan wie een eigen taak had: één keer gevraagd.
harvest-ask-task = 🎉 <b>{ $title }</b> is afgerond. Is het gelukt met { $what }?
harvest-button-task-done = ✅ Gedaan
harvest-button-task-missed = Niet gelukt
commit-missed = Niet erg. Dank je wel dat je het laat weten! Ik streep het door bij <b>{ $title }</b>.

## /acties

actions-none = Er zijn nu geen voorstellen of lopende acties. Heb je een idee? Typ /actie.
actions-list =
    <b>Voorstellen en acties</b>
    { $items }
actions-item = • <a href="{ $link }">{ $title }</a> · { $state }
actions-item-dated = • <a href="{ $link }">{ $title }</a> · { $state } · { $day }
actions-item-nolink = • { $title } · { $state }
actions-item-nolink-dated = • { $title } · { $state } · { $day }
state-proposed = 💡 voorstel
state-running = 🚀 loopt
state-done = 🎉 gedaan
state-let-go = losgelaten

## Toezeggingen

commit-joined-alert = Fijn dat je meedoet!
commit-already = Je doet al mee. Wil je toch niet? Kijk bij /mijn in je privégesprek met mij.
commit-ask-what = Wat neem je op je bij <b>{ $title }</b>? Typ het, of kies Gewoon meedoen.
commit-after-action = { $day } is na de actie zelf ({ $action_day }). Wanneer lukt het, op of vóór die dag? Typ een dag, of neem de dag van de actie.
commit-ask-when = Wanneer lukt dat? Typ een dag, of neem de dag van de actie: { $day }.
commit-ask-when-undated = Wanneer lukt dat? Typ een dag, bijvoorbeeld <i>zaterdag</i>.
commit-button-plain = Gewoon meedoen
commit-button-release = Toch niet
commit-button-default-day = { $day }
commit-button-no-day = Geen vaste dag
commit-plain = gewoon meedoen
commit-noted = Genoteerd voor <b>{ $title }</b>: { $what }, uiterlijk { $day }{ $part }. Ik herinner je er op tijd aan.
commit-noted-plain = Je doet mee met <b>{ $title }</b> op { $day }. Genoteerd, tot dan!
commit-noted-undated = Genoteerd voor <b>{ $title }</b>: { $what }.
commit-not-yours = Dit is de toezegging van iemand anders. Er verandert niets.
commit-already-done = Dit heb je al gedaan. Dank je wel!
commit-already-released = Dit heb je al losgelaten.
commit-done-alert = Top, dank je wel!
commit-done = ✅ Gedaan: <b>{ $title }</b>. Dank je wel!
commit-ask-later = Wanneer lukt <b>{ $title }</b> wel? Typ een dag, bijvoorbeeld <i>volgende week vrijdag</i>.
commit-moved = 📅 Verzet: <b>{ $title }</b>, nu uiterlijk { $day }{ $part }.
commit-release-confirm = Weet je zeker dat je niet meer meedoet met <b>{ $title }</b>?
commit-button-release-yes = Ja, ik laat het los
commit-button-release-no = Nee, ik doe mee
commit-released = ↩️ Losgelaten: <b>{ $title }</b>. Geen probleem; dank voor het laten weten.
commit-released-proposer = { $name } doet toch niet mee met <b>{ $title }</b>.
commit-kept = Fijn, je doet mee met <b>{ $title }</b>.

mine-none = Je hebt nu geen open toezeggingen. Doe mee met een actie in de groep: kies 🙋 Ik doe mee bij een voorstel.
mine-heading = <b>Mijn toezeggingen</b> ({ $count })
mine-item = <b>{ $title }</b> ({ $group })
    { $what }, uiterlijk { $day }
mine-item-undated = <b>{ $title }</b> ({ $group })
    { $what }
mine-more = En nog { $count } meer. Vink eerst deze af, dan zie je de rest.
mine-button-done = ✅ Gedaan
mine-button-later = 📅 Later
mine-button-release = ↩️ Loslaten
mine-proposals =
    <b>Jouw voorstellen</b> ({ $count })
    { $lines }
mine-proposal = • <b>{ $title }</b> ({ $group }): { $state ->
        [proposed] wacht op steun
       *[running] loopt
    }, { $day }
mine-proposal-no-date = nog geen datum
mine-proposals-more = • en nog { $count }
draft-paused =
    Goed, we stoppen even. Je voorstel is bewaard: typ /actie in de groep om verder te gaan.
    Wil je het helemaal weggooien? Kies dan Weggooien.
draft-button-resume = Toch verder
draft-button-discard = Weggooien
draft-button-undo = ↩️ Vorige vraag
draft-undone = Goed, we gaan een vraag terug.
draft-skipped = Geen probleem, deze vraag laat ik open.
draft-existing-which = Mooi! Waar sluit het bij aan? Typ het in een paar woorden, bijvoorbeeld: de markt op zaterdag, de koffieochtend in het buurthuis.
draft-title-vague = Geen probleem. Wat wil je ongeveer doen? Een paar woorden is genoeg, dan kunnen we verder.
draft-number-only = Ik zie alleen een getal. Kies een van de knoppen, of typ je antwoord in woorden.
draft-day-confirm = Bedoel je <b>{ $day }</b>?
draft-day-other = Welke dag dan? Typ hem nog eens, bijvoorbeeld <i>zaterdag</i> of <i>19 december</i>.
draft-posted-quick = Je actie staat in <b>{ $group }</b>. Het is al gauw, dus we doen het gewoon: wie mee wil doen, kiest 🙋 Ik doe mee.
card-goal = 🎯 Stap 1 op weg naar: { $goal }
steer-ask-title = Hoe wil je <b>{ $title }</b> noemen? Typ de nieuwe naam.
steer-smaller-confirm =
    Zo wordt het: <b>{ $new }</b>.
    Het grote plan blijft het doel: { $goal }. Klopt dat?
steer-title-confirm = Zo wordt de naam: <b>{ $new }</b>. Klopt dat?
steer-button-title-yes = Ja, zo
steer-button-title-no = Nee, laat maar
steer-button-undo = ↩️ Ongedaan maken
steer-undone = Teruggezet: <b>{ $title }</b>.
steer-undone-group = ↩️ Weer zoals het was: <b>{ $title }</b>.
steer-retitled-group = ✏️ Nieuwe naam: <b>{ $title }</b>.
steer-button-title = ✏️ Naam aanpassen
steer-button-other-day = 📅 Andere dag
steer-button-withdraw = 🗑 Intrekken

## Partners als gelijken: wat de partner ons vroeg, bij "Sluit het aan bij iets dat al gebeurt?".
draft-partner-asks =
    💡 { $partner } vroeg ons om: <i>{ $asks }</i>. Sluit dit daarbij aan?

    { $question }
