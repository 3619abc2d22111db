## The neighbourhood's public pages (bot/public) and "📣 Ook voor de buurt" in the chat (handlers/neighbourhood.py).

public-site-title = Uitnodiging uit de buurt
public-footer = Een uitnodiging van buren, gemaakt met Brug.
public-other-language = English
public-invitation-from = Een uitnodiging van { $group }
spoken-day-at = { $day } om { $time }
public-when = 📅 { $when }
public-place = 📍 Waar: { $text }
public-joins = 🤝 Hoort bij: { $text }
public-offer = 🎁 Wij bieden: { $text }
public-need = 🙏 Wij zoeken: { $text }
public-coming = { $count ->
    [0] Iedereen is van harte welkom.
    [one] 1 buur komt ook.
   *[other] { $count } buren komen ook.
}
public-join-heading = Kom je ook?
public-field-name = Je voornaam (mag leeg blijven)
public-field-contact = Hoe kunnen we je bereiken? Telefoon of e-mail (mag leeg blijven)
public-field-consent = Ik vind het goed dat de groep mij hierover een bericht stuurt. Na de actie wissen we dit.
public-button-coming = Ik kom ook
public-closed = Deze actie is geweest, of gaat niet meer door. Dank je voor je belangstelling!
public-flyer = 📄 Hang het op of stuur het door:
public-flyer-pdf = flyer om te printen (PDF)
public-flyer-png = als plaatje (PNG)
public-about-heading = Wie zijn wij? { $group }
public-group-place = 📍 Hier zijn we: { $text }
public-group-join = 👋 Zo doe je mee: { $text }
public-group-plain = Wij zijn buren die samen iets moois willen doen in de wijk. Kom gerust kennismaken!
public-group-link = Meer over ons en wat we nog meer doen
public-thanks = Fijn dat je komt!
public-thanks-name = Fijn dat je komt, { $name }!
public-thanks-what = Je staat erbij voor: { $title }.
public-button-not-coming = Ik kom toch niet
public-back = Terug naar de uitnodiging
public-taken-back = Jammer! Je staat er niet meer bij. Misschien een volgende keer.
public-taken-back-already = Je staat al niet meer op de lijst.
public-gone = Deze uitnodiging is er niet (meer)
public-gone-why = Misschien is de actie voorbij, of heeft de groep de pagina weggehaald. Vraag het gerust aan wie je de link gaf.
public-group-coming = Binnenkort
public-group-nothing = Er staat nu niets open voor de buurt. Kijk later nog eens!
public-problem-link = Links kunnen we hier niet aannemen. Schrijf alleen je naam, je telefoonnummer of je e-mailadres.
public-problem-consent = Wil je dat we je bereiken? Zet dan een vinkje bij "Ik vind het goed". Of laat het veld leeg.
public-problem-too-fast = Er kwamen net heel veel aanmeldingen tegelijk. Probeer het over een kwartiertje nog eens.
public-problem-full = De lijst is vol. Kom gerust langs, of vraag de groep of er nog plek is.
public-problem-closed = Deze actie is geweest, of gaat niet meer door.

command-buurt = Laat een actie aan de buurt zien
neighbourhood-button-open = 📣 Ook voor de buurt
neighbourhood-off = Pagina's voor de buurt staan nog uit. Vraag wie Brug beheert om BRUG_PUBLIC_URL (of BRUG_DASHBOARD_URL) in te stellen.
neighbourhood-pick = 📣 <b>Ook voor de buurt</b>
    Welke actie wil je aan de buurt laten zien? (📣 = staat al online)
neighbourhood-none = Je hebt nu geen lopende actie om aan de buurt te laten zien. Stel er een voor met /actie.
neighbourhood-group-page = 🏘️ De pagina van { $group }: { $url }
neighbourhood-preview = 📣 <b>Ook voor de buurt</b>

    Brug maakt een pagina voor <b>{ $title }</b> die iedereen met de link kan openen. Daarop staan de titel, de dag, wat jullie bieden en zoeken, en jullie profiel ("Waar zijn wij van?"). Geen namen van leden.

    Buren kunnen er met één tik zeggen: ik kom ook. Je kunt de pagina altijd weer offline halen.
neighbourhood-button-publish = 📣 Zet het online
neighbourhood-shown = 📣 <b>{ $title }</b> staat online:
    { $url }

    { $coming }
    Deel de link, of print de flyer.
neighbourhood-coming = { $count ->
    [0] Nog niemand uit de buurt heeft zich aangemeld.
    [one] 🏘️ 1 buur komt ook.
   *[other] 🏘️ { $count } buren komen ook.
}
neighbourhood-button-flyer = 📄 Flyer
neighbourhood-button-list = 👥 Wie komen er?
neighbourhood-button-withdraw = 🚫 Haal offline
neighbourhood-withdrawn = De pagina van <b>{ $title }</b> is offline. Wie de link opent, leest dat de uitnodiging er niet meer is. Wie zich aanmeldde, blijft meetellen.
neighbourhood-not-allowed = Dit kan alleen wie de actie voorstelde, of een coördinator.
neighbourhood-closed = Deze actie is voorbij of losgelaten. Een uitnodiging kan niet meer.
neighbourhood-list-title = 👥 Wie komen er voor <b>{ $title }</b>?
neighbourhood-list-empty = Nog niemand. Deel de link of hang de flyer op!
neighbourhood-list-line = { $number }. { $name }{ $contact }
neighbourhood-anonymous = iemand zonder naam
neighbourhood-list-remove-tip = Klopt er iets niet? Tik op ❌ en het nummer om iemand van de lijst te halen.
neighbourhood-removed = Van de lijst gehaald.
neighbourhood-flyer-caption = 📄 De flyer voor <b>{ $title }</b>: print hem op A5 of A4.
neighbourhood-flyer-image-caption = 🖼️ Hetzelfde als plaatje, voor een prikbord, een buurtapp of je status.
neighbourhood-button-bring = ➕ Ik neem iemand mee
neighbourhood-button-bring-more = ➕ Nog iemand
neighbourhood-bring-ask = Wie neem je mee? Alleen een voornaam is genoeg, bijvoorbeeld: Riet. (Typ stop als je niemand meeneemt.)
neighbourhood-bring-invalid = Typ alleen een voornaam, zonder link. Bijvoorbeeld: Riet.
neighbourhood-bring-noted = { $name } staat erbij voor <b>{ $title }</b>. Op de kaart telt { $name } mee. Ik herinner jóu eraan, dan kun je { $name } meenemen.
