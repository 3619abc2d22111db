## /profiel: "What do you stand for?"

profile-title = <b>{ $group }</b>
profile-about = <b>What do we stand for?</b>
    { $text }
profile-place = <b>Our place in the neighbourhood</b>
    { $text }
profile-join = <b>Join us?</b>
    { $text }
profile-empty = Our profile has not been filled in yet.
profile-tip = Tip: "What do you stand for?" Being able to say that briefly builds relations and trust in the neighbourhood. It takes a long breath.
profile-edit-about = What we stand for
profile-edit-place = Our place
profile-edit-join = Joining
profile-post = 📣 Post in the group
profile-send = ✉️ Send to a partner
profile-edit-private = Edit the profile (coordinator)
profile-posted = Posted in the group.
profile-saved = Saved.
profile-ask-about = What do you stand for? Say it in a few sentences, as you would tell a neighbour. Type "-" to leave it empty.
profile-ask-place = What is your place in the neighbourhood? Where can people find or meet you? Type "-" to leave it empty.
profile-ask-join = How can someone join or get in touch? Type "-" to leave it empty.
profile-pick-partner = To which partner would you like to send the profile?
profile-no-partners = There are no partners on the list yet. Add them with /partners.
profile-forward-to = Forward the message above to <b>{ $name }</b> (press and hold the message and choose Forward). I cannot message people who do not use Brug myself.
    Contact: { $contact }
