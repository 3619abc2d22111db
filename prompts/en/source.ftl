## /bron (bot/domain/source.py): the research Brug comes from, and its tips (one a week in the digest).

source-text =
    📚 <b>Where Brug comes from</b>
    Brug follows <i>Geen eilandje in de buurt willen zijn</i> (“Not wanting to be an island in the neighbourhood”): practice-based research by GGD Flevoland and the Windesheim research groups (lectoraten) Urban Innovation and Client Perspective in Support and Care. Together with the residents' initiatives De BinnenHaven and the Voorzorgcirkels Almere it studied how residents' initiatives help older people live independently at home for longer.
    The project ‘Bewonersinitiatieven in de leefomgeving voor langer gezond thuis wonen door ouderen in Flevoland’ was supported by ZonMw.
    The building blocks of a good network action: together with others, in the here and now, and smart: simple, short and ‘contagious’.

    { $tip }
source-tip = 💡 <b>Tip of the week: { $title }</b>
    { $text }
tip-partners-title = Opportunities for practice partners
tip-partners-text = When professionals and residents really work together – on trust, equality and shared ownership – there is room for residents' initiatives.
tip-profile-title = The value of a profile
tip-profile-text = Being able to answer “What do you stand for?” matters for building relationships and trust in the neighbourhood. It takes staying power.
tip-wheel-title = Don't reinvent the wheel
tip-wheel-text = Sometimes contributing to or supporting what is already going on is enough to be of value to the neighbourhood.
tip-system-title = (In)dependence of the system world
tip-system-text = Residents' initiatives have other wishes than municipalities or neighbourhood partners, which calls for a tailored, creative approach.
tip-place-title = A ‘place’ in the neighbourhood
tip-place-text = For non-members and neighbourhood professionals it is often hard to connect with a residents' initiative that has no physical place.
tip-now-title = Think ahead, but work in the now
tip-now-text = Balance plans that serve the shared goal with doing what is possible now, even if it is small or temporary.
tip-energy-title = Work where the energy is
tip-energy-text = Welfare organisations are an important link in the neighbourhood, but do not always have enough hours and staff. Also contact active residents.
tip-key-figures-title = Find the key figures
tip-key-figures-text = To join what is already going on, get in touch with people like the wijkregisseur (formal role) and ‘buurtburgemeesters’ (informal role).
tip-broad-title = Shape widely supported network actions
tip-broad-text = Many members bring many different ideas for actions and plans: talk plans for network actions through with each other.
tip-reciprocal-title = Build reciprocal relationships
tip-reciprocal-text = Don't only ask “What do we need?”, but also “What can we mean for each other?”.
tip-survey-title = Do the neighbours know?
tip-survey-text = A small street survey in Almere Haven found that fewer than half of the direct neighbours knew the initiative's plans. Spread the word: /buurt turns an action into an invitation and a flyer.
tip-together-title = Together with others
tip-together-text = Turn the ‘longlist’ of all partners and organisations involved into a ‘shortlist’: who is already moving and can you take along?
