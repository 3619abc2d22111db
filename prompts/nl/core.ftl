## Welkom, hulp en taal. Alle tekst is HTML voor Telegram: alleen <b>, <i> en <a> gebruiken.

start-welcome =
    Welkom bij <b>Brug</b>, { $name }! Samen met de buurt, in plaats van een eilandje in de buurt.
    Ik help jullie groep kleine netwerkacties te bedenken en vol te houden: samen met anderen, eenvoudig, kort en besmettelijk.
    Voeg me toe aan jullie groep, of kijk eerst hoe het werkt.
start-in-group = Hallo! Stel een netwerkactie voor met /actie, of kijk met /help wat ik kan.
button-how-it-works = Hoe werkt het?
button-add-to-group = Voeg Brug toe aan je groep
button-language = Taal / Language
button-open-private = Open het gesprek met Brug

help-text =
    <b>Zo werkt Brug</b>
    /actie – stel een kleine netwerkactie voor (in de groep)
    /acties – de voorstellen en lopende acties van de groep
    /mijn – wat ik heb toegezegd, met knoppen om af te vinken
    /stil – even geen herinneringen (/stil 3 = drie dagen, /stil uit = weer aan)
    /herinner – wanneer ik je herinner aan wat je toezegde
    /agenda – wat er gebeurt in de buurt, en wat in de pijplijn zit
    /helpmee – help mee bij wat er al gebeurt (agenda, partners)
    /partners – partners en sleutelfiguren in de buurt
    /profiel – waar zijn wij van? Lees het, of stel een wijziging voor
    /buurt – laat een actie aan de buurt zien: een pagina, een flyer, "ik kom ook"
    /taal – kies Nederlands of English
    /help – deze uitleg
    /bron – waar Brug vandaan komt: het onderzoek, en een tip

    <b>Voor coördinatoren</b>
    /overzicht – wie doet wat, en wat loopt achter
    /instellingen – instellingen van de groep
    /export – acties, partners en agenda als bestand
    /coordinator – coördinator aanwijzen of weghalen (in de groep)

    <b>Jouw gegevens</b>
    /mijngegevens – alles wat ik over je bewaar, als bestand
    /vergeetmij – laat mij je gegevens wissen

command-actie = Stel een netwerkactie voor
command-acties = Voorstellen en lopende acties
command-mijn = Mijn toezeggingen
command-overzicht = Overzicht voor de coördinator
command-taal = Kies je taal
command-bron = Waar Brug vandaan komt: het onderzoek
command-help = Wat kan Brug?
command-mijngegevens = Alles wat Brug over mij bewaart
command-vergeetmij = Wis mijn gegevens

language-choose = In welke taal wil je dat ik schrijf?
language-choose-group = Kies je eigen taal. Coördinatoren kunnen ook de taal van de groep kiezen.
language-nl = Nederlands
language-en = English
language-group-nl = Groep: Nederlands
language-group-en = Groep: English
language-set-member = Ik schrijf je voortaan in het Nederlands.
language-set-group = De groep hoort mij voortaan in het Nederlands.
language-group-only = De taal van een groep kies je in die groep.

coordinator-only = Dit kan alleen een coördinator van de groep.

group-welcome =
    Hallo allemaal, ik ben <b>Brug</b>. Ik help jullie om geen eilandje in de buurt te zijn.
    Een goede netwerkactie bouwt op drie bouwstenen:
    🤝 <b>Samen met anderen</b> – wie beweegt er al, en kunnen we die meenemen?
    ⏱ <b>In het hier en nu</b> – sluit aan bij wat al gebeurt in de buurt.
    ✨ <b>Slim en klein</b> – eenvoudig, kort en besmettelijk: anderen doen makkelijk mee.
    Brug volgt het onderzoek <i>Geen eilandje in de buurt willen zijn</i> (GGD Flevoland en Windesheim): /bron.
    Heb je een idee? Typ /actie.

private-only = Dit laat ik je liever zien in een persoonlijk gesprek. Kies hieronder.
group-only = Dit werkt in de groep van jullie initiatief. Typ het daar, dan help ik je verder.
unknown-command = Die opdracht ken ik niet. Typ /help om te zien wat ik kan.
private-text-unexpected =
    Ik weet niet goed wat je bedoelt. Ik stel nu geen vraag waar dit een antwoord op is.
    Wil je iets voorstellen? Typ /actie in de groep. Wat je hebt toegezegd zie je bij /mijn. Alles wat ik kan: /help.
private-text-hello =
    Hallo { $name }! Ik ben Brug. Ik help jullie groep met kleine acties samen met de buurt.
    /actie – stel iets voor (in de groep)
    /mijn – wat je hebt toegezegd
    /help – alles wat ik kan
reply-thanks = Graag gedaan!
reply-not-understood = Dat begreep ik niet. Probeer het nog eens met andere woorden, of typ /help.
reply-question-for-other = Deze vraag was voor { $name }. Wil je zelf meedoen of reageren? Kies een knop onder het voorstel.
reply-use-buttons = Ik weet niet welke keuze je bedoelt. Kies een van deze: { $labels }.
reply-not-waiting = Dank je! Op dit bericht hoef je niet te antwoorden. Typ /help om te zien wat ik kan.
error-try-again = Sorry, dat lukte nu even niet. Probeer het zo nog eens.
error-kept = Sorry, daarna ging er iets mis. Wat je deed is wel bewaard: je hoeft het niet opnieuw te doen.
button-stale = Deze knop werkt niet meer. Kijk bij het nieuwste bericht, of typ /help.
