## De coördinator: wie coördineert, en de knoppen die alle coördinatorlijsten delen.

coordinator-none = Je bent nog geen coördinator van een groep met Brug. Een coördinator kan je aanwijzen met /coordinator in de groep.
member-none = Ik ken je nog niet uit een groep met Brug. Typ eerst iets in de groep van jullie initiatief.
coordinator-pick-group = Over welke groep gaat het?
coordinator-go-private = Dit laat ik je zien in een persoonlijk gesprek, dan blijft de groep rustig. Kies hieronder.
coordinator-list =
    <b>Coördinatoren</b> (⭐). Kies een naam om iemand coördinator te maken, of om dat terug te draaien.
    Beheerders van de groep zijn altijd coördinator. (pagina { $page } van { $pages })
coordinator-appointed = { $name } is nu coördinator.
coordinator-removed = { $name } is geen coördinator meer.
coordinator-telegram-admin = { $name } is beheerder van de groep en blijft daarom coördinator. Dat verander je in de instellingen van de groep zelf.
button-previous = ‹ Vorige
button-next = Volgende ›
button-back = ‹ Terug
button-cancel = Stoppen
input-too-long = Dat is wat lang. Kun je het korter zeggen, in hooguit { $limit } tekens?
input-empty = Ik zag geen tekst. Probeer het nog eens.

command-agenda = Wat er speelt in de buurt
command-partners = Partners en sleutelfiguren
command-profiel = Waar zijn wij van?
command-instellingen = Instellingen van de groep (coördinator)
command-export = Download acties, partners en agenda (coördinator)
command-coordinator = Coördinator aanwijzen of weghalen
input-stopped = Goed, ik laat het zo.
