## Je gegevens: /mijngegevens en /vergeetmij.

privacy-export-caption =
    Dit is alles wat Brug over jou bewaart, in één bestand.
    Wil je dat ik je vergeet? Typ /vergeetmij.
privacy-forget-confirm =
    Weet je het zeker? Dan wis ik je naam en wat alleen van jou was: voorstellen in de maak, bedenkingen en open vragen.
    Wat je samen met de groep deed, zoals je toezeggingen, blijft staan als "een lid". Zo klopt het verhaal van de groep.
    Dit kan ik niet terugdraaien.
privacy-forget-yes = Ja, vergeet mij
privacy-forget-no = Nee, laat maar
privacy-forgotten =
    Klaar, ik ben je vergeten. Ik stuur je ook geen herinneringen meer.
    Wil je later weer meedoen? Typ dan gewoon /start.
privacy-kept = Goed, ik laat alles zoals het is.
