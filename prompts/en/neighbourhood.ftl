## The neighbourhood's public pages (bot/public) and "📣 Also for the neighbourhood" in the chat (handlers/neighbourhood.py).

public-site-title = An invitation from the neighbourhood
public-footer = An invitation from neighbours, made with Brug.
public-other-language = Nederlands
public-invitation-from = An invitation from { $group }
spoken-day-at = { $day } at { $time }
public-when = 📅 { $when }
public-place = 📍 Where: { $text }
public-joins = 🤝 Part of: { $text }
public-offer = 🎁 We offer: { $text }
public-need = 🙏 We are looking for: { $text }
public-coming = { $count ->
    [0] Everyone is very welcome.
    [one] 1 neighbour is coming too.
   *[other] { $count } neighbours are coming too.
}
public-join-heading = Will you come too?
public-field-name = Your first name (may stay empty)
public-field-contact = How can we reach you? Phone or e-mail (may stay empty)
public-field-consent = The group may send me a message about this. We delete it after the action.
public-button-coming = I'm coming too
public-closed = This action has taken place, or is not going ahead. Thank you for your interest!
public-flyer = 📄 Put it up or pass it on:
public-flyer-pdf = flyer to print (PDF)
public-flyer-png = as a picture (PNG)
public-about-heading = Who are we? { $group }
public-group-place = 📍 Where we are: { $text }
public-group-join = 👋 How to join: { $text }
public-group-plain = We are neighbours who want to do something good together in the neighbourhood. Do come and say hello!
public-group-link = More about us and what else we do
public-thanks = Glad you are coming!
public-thanks-name = Glad you are coming, { $name }!
public-thanks-what = You are on the list for: { $title }.
public-button-not-coming = I'm not coming after all
public-back = Back to the invitation
public-taken-back = What a pity! You are off the list. Maybe next time.
public-taken-back-already = You are already off the list.
public-gone = This invitation is not (or no longer) here
public-gone-why = Perhaps the action is over, or the group took the page down. Feel free to ask whoever gave you the link.
public-group-coming = Coming up
public-group-nothing = Nothing is open to the neighbourhood right now. Have another look later!
public-problem-link = We cannot accept links here. Just write your name, phone number or e-mail address.
public-problem-consent = Would you like us to reach you? Then tick "The group may send me a message". Or leave the field empty.
public-problem-too-fast = Many sign-ups arrived at once just now. Please try again in a quarter of an hour.
public-problem-full = The list is full. Do come by, or ask the group whether there is still room.
public-problem-closed = This action has taken place, or is not going ahead.

command-buurt = Show an action to the neighbourhood
neighbourhood-button-open = 📣 Also for the neighbourhood
neighbourhood-off = Pages for the neighbourhood are not switched on yet. Ask whoever runs Brug to set BRUG_PUBLIC_URL (or BRUG_DASHBOARD_URL).
neighbourhood-pick = 📣 <b>Also for the neighbourhood</b>
    Which action would you like to show to the neighbourhood? (📣 = already online)
neighbourhood-none = You have no running action to show to the neighbourhood right now. Propose one with /actie.
neighbourhood-group-page = 🏘️ The page of { $group }: { $url }
neighbourhood-preview = 📣 <b>Also for the neighbourhood</b>

    Brug makes a page for <b>{ $title }</b> that anyone with the link can open. It shows the title, the day, what you offer and look for, and your profile ("Who are we?"). No member names.

    Neighbours can say with one tap: I'm coming too. You can take the page offline at any time.
neighbourhood-button-publish = 📣 Put it online
neighbourhood-shown = 📣 <b>{ $title }</b> is online:
    { $url }

    { $coming }
    Share the link, or print the flyer.
neighbourhood-coming = { $count ->
    [0] Nobody from the neighbourhood has signed up yet.
    [one] 🏘️ 1 neighbour is coming too.
   *[other] 🏘️ { $count } neighbours are coming too.
}
neighbourhood-button-flyer = 📄 Flyer
neighbourhood-button-list = 👥 Who is coming?
neighbourhood-button-withdraw = 🚫 Take offline
neighbourhood-withdrawn = The page of <b>{ $title }</b> is offline. Whoever opens the link reads that the invitation is gone. Those who signed up still count.
neighbourhood-not-allowed = Only whoever proposed the action, or a coordinator, can do this.
neighbourhood-closed = This action is over or was let go. An invitation is no longer possible.
neighbourhood-list-title = 👥 Who is coming to <b>{ $title }</b>?
neighbourhood-list-empty = Nobody yet. Share the link or put up the flyer!
neighbourhood-list-line = { $number }. { $name }{ $contact }
neighbourhood-anonymous = someone without a name
neighbourhood-list-remove-tip = Something wrong? Tap ❌ and the number to take someone off the list.
neighbourhood-removed = Taken off the list.
neighbourhood-flyer-caption = 📄 The flyer for <b>{ $title }</b>: print it on A5 or A4.
neighbourhood-flyer-image-caption = 🖼️ The same as a picture, for a notice board, a neighbourhood app or your status.
neighbourhood-button-bring = ➕ I'm bringing someone
neighbourhood-button-bring-more = ➕ Someone else
neighbourhood-bring-ask = Who are you bringing? A first name is enough, for example: Riet. (Type stop if you are not bringing anyone.)
neighbourhood-bring-invalid = Just type a first name, without a link. For example: Riet.
neighbourhood-bring-noted = { $name } is on the list for <b>{ $title }</b> and counts on the card. I will remind <i>you</i>, so you can bring { $name } along.
