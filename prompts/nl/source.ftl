## /bron (bot/domain/source.py): het onderzoek waar Brug vandaan komt, en de tips eruit (één per week in het overzicht).

source-text =
    📚 <b>Waar Brug vandaan komt</b>
    Brug volgt <i>Geen eilandje in de buurt willen zijn</i>: praktijkgericht onderzoek van GGD Flevoland en de lectoraten Urban Innovation en Klantenperspectief in Ondersteuning en Zorg van Windesheim. Samen met de bewonersinitiatieven De BinnenHaven en de Voorzorgcirkels Almere is onderzocht hoe bewonersinitiatieven bijdragen aan langer zelfstandig thuis wonen van ouderen.
    Het project ‘Bewonersinitiatieven in de leefomgeving voor langer gezond thuis wonen door ouderen in Flevoland’ kreeg steun van ZonMw.
    De bouwstenen van een goede netwerkactie: samen met anderen, in het hier en nu, en slim: eenvoudig, kort en ‘besmettelijk’.

    { $tip }
source-tip = 💡 <b>Tip van de week: { $title }</b>
    { $text }
tip-partners-title = Kansen voor praktijkpartners
tip-partners-text = Wanneer professionals en buurtbewoners écht samenwerken – op basis van vertrouwen, gelijkwaardigheid en gedeeld eigenaarschap – ontstaat er ruimte voor bewonersinitiatieven.
tip-profile-title = De waarde van profilering
tip-profile-text = Het kunnen beantwoorden van de vraag ‘Waar zijn jullie van?’ is belangrijk voor het bouwen aan relaties en vertrouwen in de buurt. Dit vraagt een lange adem.
tip-wheel-title = Niet opnieuw het wiel uitvinden
tip-wheel-text = Soms is bijdragen of ondersteunen bij wat er al speelt genoeg om van waarde te zijn voor de buurt.
tip-system-title = (On)afhankelijkheid van de systeemwereld
tip-system-text = Bewonersinitiatieven hebben andere wensen dan gemeenten of wijkpartners, wat maatwerk en creativiteit vereist.
tip-place-title = Een ‘plek’ in de wijk
tip-place-text = Voor niet-leden en wijkprofessionals is het vaak lastig om aan te haken bij een bewonersinitiatief zonder fysieke plek.
tip-now-title = Denk vooruit, maar werk in het nu
tip-now-text = Zoek een balans tussen plannen die bijdragen aan het gezamenlijke doel en doen wat nú mogelijk is, ook al is dat klein of tijdelijk.
tip-energy-title = Werk daar waar de energie is
tip-energy-text = Welzijnsorganisaties zijn een belangrijke schakel in de wijk, maar hebben niet altijd genoeg uren en personeel. Zoek ook contact met actieve buurtbewoners.
tip-key-figures-title = Vind de sleutelfiguren
tip-key-figures-text = Om aan te kunnen sluiten bij wat al speelt, is het handig om contact te leggen met personen als de wijkregisseur (formele rol) en ‘buurtburgemeesters’ (informele rol).
tip-broad-title = Formuleer breed gedragen netwerkacties
tip-broad-text = Een groot aantal leden brengt veel verschillende ideeën over acties en plannen met zich mee: spreek plannen voor netwerkacties goed door met elkaar.
tip-reciprocal-title = Bouw aan wederkerige relaties
tip-reciprocal-text = Stel niet alleen de vraag: “Wat hebben wij nodig?”, maar ook: “Wat kunnen we voor elkaar betekenen?”.
tip-survey-title = Weten de buren het?
tip-survey-text = Uit een kleine buurtpeiling in Almere Haven bleek dat minder dan de helft van de directe omwonenden bekend was met de plannen van het initiatief. Vertel het door: /buurt maakt er een uitnodiging en een flyer van.
tip-together-title = Samen met anderen
tip-together-text = Maak van de ‘longlist’ met alle betrokken partners en organisaties een ‘shortlist’: wie beweegt er al en kan je meenemen?
