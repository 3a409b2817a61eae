#!/usr/bin/env python3
"""Builds eval/life-chats/{memories,queries}.jsonl: a blind, turn-level retrieval set of long multi-session chats
between individual people and a general assistant (not coding). Each person is one project scope; each chat session
is one conversation; each turn (user and assistant alternating, the user first) is one memory with its role. Sessions
drift between topics, carry details in passing (a sister's city inside a story about a trip), state preferences once
(explicitly or implicitly) and change facts over time (moves, jobs, diets, a pet's weight, budgets, a car, a training
plan, a favourite show).

Questions are phrased the way a person asks an assistant months later, often sharing few words with the answer.
Gold is at the turn level (goldIds, chosen by reading) and the session level (goldConversations). For
knowledge-update questions only the newest statement is gold; the superseded turns are listed and checked to be
older. Written blind: the author did not read mx's ranking code, EVAL.md or other sets' questions.

Run: python3 eval/life-chats/build.py  (rewrites the two files next to this script; deterministic, stdlib only)."""

import json
import os
from collections import Counter
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
U, A = "user", "assistant"
DEFAULT_ASKED = "2025-06-20 10:00"
TYPES = ["single-session-user", "single-session-assistant", "preference", "knowledge-update", "temporal",
         "multi-session", "multi-hop", "open-domain"]

# user -> [(session number, start "YYYY-MM-DD HH:MM", [(role, text)])]; session id f"{user}-{nn:02d}",
# turn id f"{session id}-t{n}" with n from 1.
SESSIONS = {}
# user -> [(type, askedAt or None for DEFAULT_ASKED, question, gold short ids "NN-tK", superseded short ids)]
QUERIES = {}

SESSIONS["maya"] = [
    (1, "2024-04-03 19:10", [
        (U, "Hi! I signed up for the Manchester Half Marathon on 13 October. I'm a bit terrified. Right now I run three times a week and my 5k is about 29 minutes."),
        (A, "Congratulations, that's a great goal and six months is plenty of time. With a 29-minute 5k a finish somewhere around 2:05-2:15 is realistic. Do you want a rough plan?"),
        (U, "Yes please, but keep it to three runs a week, I can't do more with work."),
        (A, "Here's a simple three-runs-a-week structure you can repeat and build on:\n\n**April-May (base):** one easy run of 30-40 min, one run with 6 x 2 min slightly faster than comfortable (2 min walk/jog between), one long run that grows from 6 km to 10 km. Everything else easy: you should be able to talk in full sentences.\n\n**June-July (build):** easy run 40-45 min, a tempo run (15 then 20 min at 'comfortably hard'), long run 11-15 km. Drop back every fourth week to about 70% of the volume.\n\n**August-September (specific):** easy run, a session at goal pace (3 x 3 km at ~6:00/km), long run up to 18-19 km, two of them with the last 3 km at goal pace.\n\n**Taper (last two weeks):** cut volume by a third, then half, keep a few short pickups so your legs stay sharp.\n\nTwo rules: increase the long run by no more than 1-2 km a week, and if something hurts for more than two runs in a row, take three days off rather than pushing through."),
        (U, "ok that makes sense. thanks!"),
        (A, "Any time. Tell me how the first long run goes."),
    ]),
    (2, "2024-04-11 08:30", [
        (U, "Different topic: the vet said my beagle Biscuit is overweight. He's 14.5 kg and she'd like him around 12.5."),
        (A, "That's a common one with beagles, they're food-motivated and very good at begging. A steady loss of 1-2% of body weight per week is the usual target, so roughly 150-250 g a week. Are you feeding kibble, wet food or a mix?"),
        (U, "Kibble, about 200 g a day, plus whatever he steals from the kids next door honestly."),
        (A, "Some practical things that usually work:\n- weigh the kibble on a kitchen scale instead of using a scoop; scoops are often 20-30% over\n- go to the amount the bag gives for his *target* weight (12.5 kg), not his current weight, roughly 160-170 g for most adult formulas\n- take his treats out of the daily ration, and swap biscuits for raw carrot or green beans\n- a snuffle mat or scatter-feeding slows him down and keeps him busy\nWeigh him every two weeks at the same time of day."),
        (U, "Carrots he'll love. Thanks"),
        (A, "Good luck to Biscuit!"),
    ]),
    (3, "2024-04-25 17:45", [
        (U, "I'm having four friends over on Saturday. I'm vegetarian and my boyfriend Sam has a nut allergy, so I need a main that works for both and isn't a boring pasta bake."),
        (A, "How about a wild mushroom risotto with crispy sage and a lemony rocket salad? Nut-free, vegetarian and it feels special.\n\n**Serves 6**\n- 30 g dried porcini, soaked in 300 ml hot water\n- 500 g mixed mushrooms (chestnut, oyster, shiitake), torn\n- 1.5 litres vegetable stock, kept hot\n- 2 shallots and 2 garlic cloves, finely chopped\n- 450 g arborio or carnaroli rice\n- 150 ml dry white wine\n- 60 g butter, 80 g vegetarian hard cheese (parmesan itself uses animal rennet)\n- a handful of sage leaves, olive oil, lemon\n\n1. Fry the fresh mushrooms hot in batches until golden; season and set aside.\n2. Soften the shallots and garlic in butter, add the rice and toast 2 minutes.\n3. Add the wine, let it bubble away, then the chopped porcini.\n4. Add the stock and porcini liquid a ladle at a time, stirring, for about 18 minutes.\n5. Off the heat beat in the rest of the butter and the cheese, fold in the mushrooms, rest 2 minutes.\n6. Fry the sage leaves in olive oil until crisp and scatter on top.\n\nCheck the stock cube and the cheese labels for nut traces if Sam's allergy is severe."),
        (U, "Perfect. Could I make any of it ahead?"),
        (A, "Fry the mushrooms and sage in the afternoon and par-cook the risotto to step 4 for about 12 minutes, spread it on a tray to cool. Finish with the remaining stock when people arrive; it takes 6-7 minutes."),
        (U, "Great, Sam will be relieved it's not another pesto situation lol"),
        (A, "Ha, definitely no pesto. Enjoy the dinner!"),
    ]),
    (4, "2024-05-08 21:00", [
        (U, "I'm going to Copenhagen for five days in June (19th to 23rd) to see my sister Jo. She moved there last year for an architecture job and lives in Nørrebro."),
        (A, "Lovely, June is a great time, long evenings. What do you both enjoy? Museums, food, walking, swimming?"),
        (U, "Design and food mostly, and walking. Jo works during the day so I'll be on my own for two of the days."),
        (A, "A loose plan you can shuffle around Jo's work:\n\n**Day 1 (arrive):** walk around Nørrebro with Jo, Assistens Cemetery (locals picnic there), dinner on Jægersborggade.\n**Day 2 (solo):** Designmuseum Danmark in the morning, then Nyhavn and a harbour bus to Refshaleøen; Reffen street food for lunch; Copenhill if you want to walk up a ski slope on a power plant.\n**Day 3 (solo):** train to Louisiana Museum of Modern Art in Humlebæk (about 40 min), sculpture park and a swim at the beach below it if it's warm.\n**Day 4 (with Jo):** bikes for the day, Christianshavn, the Royal Library's Black Diamond, a harbour bath swim at Islands Brygge, dinner somewhere special.\n**Day 5:** Torvehallerne market for breakfast and smørrebrød before your flight.\n\nGet a City Pass Small for zones 1-4; it covers the airport and the train to Louisiana is just outside, so buy that leg separately."),
        (U, "Love it. Also I need to bring her something and it's always a nightmare. Her flat is basically empty, she gives away anything that just sits on a shelf. The only presents she's ever kept are ones she can eat, drink or burn."),
        (A, "Then go consumable: a nice bottle of something from Manchester (a local gin), good British cheese in a cool bag, a tin of proper tea, or a hand-poured candle from a local maker. Nothing decorative."),
        (U, "Gin it is. Thanks!"),
        (A, "Have a wonderful trip."),
    ]),
    (5, "2024-05-22 12:15", [
        (U, "It's our anniversary with Sam in two weeks. Can you recommend a place in Manchester? The best meal I had last year was at a tiny counter place where you watch the chef cook, about ten seats. I can't stand places where you have to shout across the table."),
        (A, "Given that, I'd look for small chef's-counter or tasting-menu places rather than big buzzy dining rooms. In Manchester, places in the Northern Quarter and Ancoats do small-plate counters; book the counter seats specifically and ask for an early sitting, which is always quieter. Do you need it to be vegetarian-friendly with a nut-free option?"),
        (U, "Yes both, always."),
        (A, "Then call ahead: counter places cook to order and can usually do a vegetarian tasting menu and leave nuts out if they know 48 hours in advance. Mention it's an anniversary; many will do something small."),
        (U, "ok, booked a counter spot for the 5th. yay"),
        (A, "Happy anniversary to you both!"),
    ]),
    (6, "2024-06-25 20:30", [
        (U, "Back from Copenhagen! Louisiana was the highlight, I swam below the museum and it was freezing and perfect."),
        (A, "That sounds like a perfect day. How was Jo?"),
        (U, "Really good. She has a boyfriend now, Mads, he's a carpenter and made all their furniture. The gin went down well."),
        (A, "Of course it did. Did the bike day happen?"),
        (U, "Yes, we did Christianshavn and the harbour bath. Total damage for the trip was about £640 including flights, which is fine."),
        (A, "That's reasonable for five days in Copenhagen, which isn't a cheap city. Want me to keep a note of trips and what they cost you?"),
        (U, "Sure, why not"),
        (A, "Noted: Copenhagen, June 19-23, about £640 all in."),
    ]),
    (7, "2024-07-09 07:50", [
        (U, "The outside of my right knee hurts after about 8 km. Fine when walking."),
        (A, "Pain on the outside of the knee that starts at a predictable distance is very often iliotibial band syndrome (ITBS). I can't diagnose it, but it's worth seeing a physio. Meanwhile: shorten your long run to just under where it starts hurting, avoid cambered roads and downhill, and do hip strength work (side-lying leg raises, clamshells, single-leg squats)."),
        (U, "I've got a physio appointment on Friday."),
        (A, "Good. Ask them about a return-to-run plan so you don't lose too much of your half-marathon build."),
        (U, "Will do"),
        (A, "Fingers crossed it's something simple."),
    ]),
    (8, "2024-07-18 18:00", [
        (U, "Physio said ITB, as you guessed. Two weeks of only short runs and strength. Anyway, bigger news: I have a final interview on Monday for a senior product designer role at Rockpool Games in Edinburgh!"),
        (A, "That's exciting! What's the format of the final round?"),
        (U, "A portfolio presentation, 30 minutes, to the head of design and two producers."),
        (A, "For a games studio panel with producers in the room:\n- lead with one case study in depth rather than four shallow ones, and show the messy middle (what you tried and dropped)\n- translate your fintech work into their language: onboarding = first-time user experience, drop-off funnels = player retention\n- bring one small thing you'd change in one of their games, framed as a hypothesis, not a critique\n- leave 10 minutes for questions and have three of your own ready, e.g. how designers and producers decide scope"),
        (U, "The onboarding = FTUE thing is smart. ok I'm going to prep the case study tonight"),
        (A, "Good luck on Monday!"),
    ]),
    (9, "2024-08-01 19:30", [
        (U, "I GOT IT. I start at Rockpool on 2 September. Which means moving to Edinburgh in a month. Help."),
        (A, "Congratulations!! Let's break it down. What's your rent budget, and are you bringing Biscuit?"),
        (U, "Biscuit is definitely coming. Budget up to £1,100 a month for a one-bed. The office is near Haymarket. Sam's staying in Manchester for now, we'll see."),
        (A, "With a dog and a Haymarket office, neighbourhoods worth looking at:\n\n- **Leith**: the best value for a one-bed within budget, lots of independent places to eat, the Water of Leith walkway for dog walks, tram straight to Haymarket (about 20 min).\n- **Gorgie/Dalry**: cheapest, walking distance to Haymarket, a bit less charming.\n- **Marchmont/Bruntsfield**: lovely, next to the Meadows which is great for dogs, but one-beds under £1,100 go fast and landlords there are often stricter about pets.\n- **Portobello**: by the beach, very dog friendly, longer commute (30-40 min bus).\n\nIn Edinburgh listings go within days; have references, proof of income (your offer letter), and a pet reference from your current landlord ready to send. Ask for 'pets considered' and offer a slightly bigger deposit if needed."),
        (U, "Leith sounds like me. Thank you!!"),
        (A, "Let me know what you find."),
    ]),
    (10, "2024-08-22 09:00", [
        (U, "Found a flat in Leith, £1,050, landlord is ok with Biscuit. Moving on the 30th. How do I get a beagle through a 4-hour car journey?"),
        (A, "Long walk before you leave, no big meal for a few hours before, a crate or a dog seat belt, a stop every 1.5-2 hours for water and a short sniff. If he gets car-sick ask your vet about an anti-nausea tablet. Bring his bed and an unwashed blanket, the familiar smell helps in the new flat."),
        (U, "Good thinking. He's down to 13.6 kg by the way, the carrots are working."),
        (A, "Nearly a kilo, that's great progress. Keep the same portions through the move; stress can change appetite."),
        (U, "Will do"),
        (A, "Good luck with the move!"),
    ]),
    (11, "2024-09-15 21:15", [
        (U, "Two weeks into the job, loving it. Leith is great. I've been coming home and watching Slow Horses every night, it's my favourite thing on TV right now."),
        (A, "Glad the job's going well! Slow Horses is a great pick: Gary Oldman as Jackson Lamb is something else. Have you read the Mick Herron books it's based on?"),
        (U, "No! Are they good?"),
        (A, "Very. The series is faithful but the books are funnier. Start with *Slow Horses*, then *Dead Lions*. There are eight novels plus novellas."),
        (U, "Adding them. Also is it normal to be exhausted in a new job even when it's going well?"),
        (A, "Completely. Everything is new: names, tools, unwritten rules. It usually eases after 6-8 weeks. Protect your sleep and your runs, those help more than anything."),
        (U, "ok. thanks"),
        (A, "Any time."),
    ]),
    (12, "2024-10-14 10:00", [
        (U, "I did it!!! Manchester Half yesterday, 2:04:37. Knee held up."),
        (A, "Amazing! Under 2:05 on your first half with an ITB niggle in the summer, that's a great result. How do you feel?"),
        (U, "Stairs are my enemy. What should this week look like?"),
        (A, "Two or three days off or just walking, then a couple of easy 20-30 minute runs. Sleep, protein, and no hard sessions for at least 10 days. A rough rule is one easy day per mile raced before anything intense."),
        (U, "I'm already thinking about a full marathon next year..."),
        (A, "Ha, it happens to everyone. Give it a few weeks and if you still want it, we'll look at spring races."),
    ]),
    (13, "2024-11-05 18:40", [
        (U, "Vet check today: Biscuit is 12.8 kg! She's really pleased."),
        (A, "Brilliant, that's 1.7 kg down since April. At this point you're close to maintenance: keep portions where they are and see if he levels off around 12.5."),
        (U, "Also, confession: since moving here I've started eating fish again. Not meat, just fish. Edinburgh has good fish and I felt a bit low on energy with the running."),
        (A, "That makes sense, and it's a very common change for runners. Pescatarian gives you easy omega-3s and protein. Want a quick salmon recipe?"),
        (U, "Yes, something for a weeknight."),
        (A, "**Miso-glazed salmon with greens (2 people, 20 min)**\n- 2 salmon fillets\n- 1 tbsp white miso, 1 tbsp honey, 1 tsp soy sauce, 1 tsp rice vinegar, a little grated ginger\n- 1 head of pak choi or a bag of tenderstem broccoli\n- rice to serve, sesame seeds, spring onion\n\n1. Mix miso, honey, soy, vinegar and ginger.\n2. Put the salmon skin-side down on a lined tray, spread the glaze on top, grill on high for 7-9 minutes until it caramelises and the fish flakes.\n3. Meanwhile steam or stir-fry the greens with a splash of soy.\n4. Serve on rice with sesame seeds and spring onion.\n\nNo nuts anywhere, so it's safe for Sam too (sesame is a seed, but check if his allergy extends to it)."),
        (U, "Making that tomorrow. thank you"),
        (A, "Enjoy!"),
    ]),
    (14, "2024-11-28 20:00", [
        (U, "Christmas planning. I want to keep total spending on presents under £400 this year."),
        (A, "Very doable. Who's on the list?"),
        (U, "Sam, Jo and Mads, my mum and dad, and a few small things for the team at work. Sam's actually moving up to Edinburgh in January! He got a transfer."),
        (A, "That's great news! A split that often works: Sam £120, parents £100 together, Jo and Mads £70, colleagues £40, leaving £70 buffer for wrapping, postage to Copenhagen and last-minute panic. For Sam, something for the new shared flat could be sweet."),
        (U, "Good idea. He's been wanting a proper chef's knife."),
        (A, "A Victorinox Fibrox 20 cm is an excellent knife at around £45; if you want something special, a Japanese gyuto around £100-120 is a lovely present for someone who cooks a lot."),
        (U, "ok going gyuto"),
        (A, "He'll love it."),
    ]),
    (15, "2024-12-18 19:00", [
        (U, "OK I've done it. Signed up for the Edinburgh Marathon, 25 May 2025."),
        (A, "Brilliant! Edinburgh is a good first marathon: mostly flat and along the coast, though the wind can be a factor. That's about 23 weeks from now. What's your running like at the moment?"),
        (U, "Three runs a week, 30 km total. I think I need to go to four runs for a marathon though?"),
        (A, "Four is a good idea for a first marathon. Suggested week from January:\n- Tue: easy 45-60 min\n- Wed: workout (tempo or intervals)\n- Fri: easy 40 min\n- Sun: long run, building from 16 km to 30-32 km by early May\nTwo strength sessions of 20 minutes (keep the hip work from your ITB rehab). Build total volume by ~10% a week with an easier week every fourth week. Peak around 50-55 km in late April, then taper three weeks."),
        (U, "Four runs from January, got it."),
        (A, "Let's check in every few weeks."),
    ]),
    (16, "2025-01-19 11:30", [
        (U, "Sam's moved in! We found a bigger flat in Portobello, two-bed, £1,450 a month. Biscuit is obsessed with the beach."),
        (A, "Oh lovely, a beach dog now. How's the commute to Haymarket?"),
        (U, "About 35 min on the bus, I read on it so it's fine."),
        (A, "Perfect use of the time. Still going through the Mick Herron books?"),
        (U, "On Real Tigers now. Also we need to figure out splitting bills, Sam earns a bit more than me."),
        (A, "Couples often split shared costs in proportion to income. E.g. if you earn £42k and Sam £50k, you'd pay about 46% and Sam 54% of rent and bills. Some keep a joint account just for shared costs with monthly standing orders in that proportion, and keep everything else separate."),
        (U, "Proportional makes sense, we'll do that."),
        (A, "Sounds fair to both of you."),
    ]),
    (17, "2025-02-06 21:45", [
        (U, "Finished Slow Horses and now I'm completely into Shrinking. It's my new favourite, I watched both seasons in a week."),
        (A, "Shrinking is such a warm show. Want suggestions for what to watch next?"),
        (U, "Yes, something with the same feel"),
        (A, "If you like funny-but-sad shows about people being kind to each other: *Ted Lasso* (same creators), *Somebody Somewhere*, *Derry Girls*, *Detectorists* (very gentle, very British), and *Fleabag* if you want it sharper."),
        (U, "Detectorists is going on the list. Oh and Biscuit weigh-in: 12.1 kg, the vet says that's his ideal now."),
        (A, "Goal achieved! From 14.5 to 12.1 kg, that's 2.4 kg, a big deal for a beagle. Now switch to maintenance portions."),
        (U, "He doesn't know he's done but he's very happy"),
        (A, "A happy beagle is the best kind."),
    ]),
    (18, "2025-02-27 16:20", [
        (U, "We bought a car! A used 2019 Toyota Yaris hybrid, £9,800. Mostly so we can take Biscuit to the Pentlands at weekends."),
        (A, "A Yaris hybrid is a very sensible choice: reliable and cheap to run in town. Have you sorted insurance and checked when the MOT is due?"),
        (U, "Insurance yes, MOT is due in August."),
        (A, "Put a reminder in July. For the Pentlands, Flotterstone and Harlaw car parks are good starting points; keep Biscuit on a lead in spring because of lambing and ground-nesting birds."),
        (U, "Good to know about lambing"),
        (A, "Enjoy the hills!"),
    ]),
    (19, "2025-03-22 08:10", [
        (U, "Long run today was 28 km, slow but done. I'm struggling with fuelling, gels make me feel sick."),
        (A, "That's very common. Some options: try gels with a thinner, more watery texture (e.g. isotonic gels), take them with water rather than on their own, or switch to real food like jelly babies, dates or a banana. Practice every long run. Aim for 30-60 g of carbs per hour after the first 45 minutes."),
        (U, "Jelly babies I can do. The caffeine ones made me really jittery at 20 km too, so none of those."),
        (A, "Then caffeine-free: jelly babies, maybe a salted date or two, and an electrolyte drink. Test the exact combination on your next 30 km run so nothing is new on race day."),
        (U, "got it"),
        (A, "You're in good shape. Two more big long runs and then taper."),
    ]),
    (20, "2025-04-16 20:00", [
        (U, "Jo is getting married! To Mads, on 14 June, in Copenhagen. Small wedding in a garden."),
        (A, "How wonderful! Please pass on congratulations. Are you in the wedding party?"),
        (U, "I'm giving a speech. Which is scarier than the marathon."),
        (A, "Tips for a sister speech: 3-4 minutes maximum, one story that shows who Jo is (the empty flat and only keeping things she can eat or burn could be a lovely one), one line about how Mads fits her, then a toast. Practise it out loud five times, not in your head."),
        (U, "Ha, the empty flat story is perfect. We're flying from Edinburgh on the 12th."),
        (A, "Great, that gives you a couple of days. That's well after the marathon too, so you'll have recovered."),
        (U, "Exactly. Budget for the wedding trip is £900 for both of us including the present."),
        (A, "That's workable: flights from Edinburgh to Copenhagen are often £100-150 return each if you book soon, leaving plenty for three nights and a present."),
    ]),
    (21, "2025-05-27 18:00", [
        (U, "Marathon done!!! 4:41:10. Windy, hard, amazing."),
        (A, "You're a marathoner! Congratulations, that's a fantastic first marathon, especially with the wind. How are the legs?"),
        (U, "Destroyed. Jelly babies worked though, no sick feeling."),
        (A, "Great that the fuelling plan worked. Rest properly this week: walking, sleep, good food. No running for at least 5-7 days."),
        (U, "Plan is to eat a lot of fish and watch Detectorists"),
        (A, "Sounds like perfect recovery."),
    ]),
]

QUERIES["maya"] = [
    ("single-session-user", None, "what time did I run my 5k in back when I first started training?", ["01-t1"], []),
    ("single-session-user", None, "what's my sister's boyfriend's job?", ["06-t3"], []),
    ("single-session-user", None, "which part of Copenhagen does Jo live in?", ["04-t1"], []),
    ("single-session-user", None, "who's my employer now, the games company?", ["08-t1", "09-t1"], []),
    ("single-session-user", None, "how much was the car we bought?", ["18-t1"], []),
    ("single-session-user", None, "how long is my bus commute from the new flat?", ["16-t3"], []),
    ("single-session-assistant", None, "what was that mushroom dish you suggested for my dinner party?", ["03-t2"], []),
    ("single-session-assistant", None, "remind me what you said about how scoops mess up dog food portions", ["02-t4"], []),
    ("single-session-assistant", None, "which neighbourhoods did you say were good for someone with a dog near Haymarket?", ["09-t4"], []),
    ("single-session-assistant", None, "what was your tip about translating my fintech work for the games people?", ["08-t4"], []),
    ("single-session-assistant", None, "which car parks did you mention as starting points for hill walks?", ["18-t4"], []),
    ("single-session-assistant", None, "what's the rule you gave me for recovering after a race", ["12-t4"], []),
    ("single-session-assistant", None, "what book should I start the spy series with?", ["11-t4"], []),
    ("preference", None, "suggest a wedding present for my sister", ["04-t5"], []),
    ("preference", None, "can you recommend somewhere nice to eat in Edinburgh for Sam's birthday?", ["05-t1", "03-t1"], []),
    ("preference", None, "any tips for energy during my next long race? what should I eat on the run", ["19-t3", "19-t5"], []),
    ("preference", None, "what should I watch tonight? something I'd enjoy", ["17-t1", "17-t4"], []),
    ("preference", None, "give me a dinner idea for when my parents visit, they'll eat anything", ["13-t3", "03-t1"], []),
    ("preference", None, "how many runs a week am I happy to do with my job?", ["01-t3"], []),
    ("knowledge-update", None, "how much does Biscuit weigh now?", ["17-t5"], ["02-t1", "10-t3", "13-t1"]),
    ("knowledge-update", None, "what's my rent at the moment?", ["16-t1"], ["09-t3", "10-t1"]),
    ("knowledge-update", None, "am I still vegetarian?", ["13-t3"], ["03-t1"]),
    ("knowledge-update", None, "what's my favourite show these days", ["17-t1"], ["11-t1"]),
    ("knowledge-update", None, "where do I live?", ["16-t1"], ["09-t1", "10-t1"]),
    ("knowledge-update", None, "how many days a week am I running in my current plan?", ["15-t5"], ["01-t1", "01-t3"]),
    ("knowledge-update", None, "do Sam and I live in different cities?", ["16-t1"], ["09-t3", "14-t3"]),
    ("temporal", None, "how long did it take Biscuit to get from the first vet weigh-in to his ideal weight?", ["02-t1", "17-t5"], []),
    ("temporal", None, "how many weeks between getting the job offer and my first day?", ["09-t1"], []),
    ("temporal", None, "what was my half marathon finish time in October?", ["12-t1"], []),
    ("temporal", None, "what did I originally want Biscuit to weigh?", ["02-t1"], []),
    ("temporal", None, "the week before my Edinburgh interview, what was wrong with my knee?", ["07-t1", "08-t1"], []),
    ("temporal", None, "how long after I started at Rockpool did Sam move up?", ["09-t1", "14-t3", "16-t1"], []),
    ("temporal", None, "what did I do the weekend after the half marathon result, did you tell me to rest?", ["12-t4"], []),
    ("temporal", None, "in February what car did we buy", ["18-t1"], []),
    ("multi-session", None, "list every Biscuit weigh-in I've told you about", ["02-t1", "10-t3", "13-t1", "17-t5"], []),
    ("multi-session", None, "how many times have I been to Copenhagen or planned to go?", ["04-t1", "20-t5"], []),
    ("multi-session", None, "what recipes have you given me?", ["03-t2", "13-t6"], []),
    ("multi-session", None, "all the races I've signed up for", ["01-t1", "15-t1"], []),
    ("multi-session", None, "what TV shows and books have I mentioned enjoying?", ["11-t1", "11-t4", "16-t5", "17-t1", "21-t5"], []),
    ("multi-session", None, "total spent on trips and big purchases this year: Copenhagen, the car, the wedding budget", ["06-t5", "18-t1", "20-t7"], []),
    ("multi-session", None, "every time I had an injury or felt bad while running", ["07-t1", "19-t1", "19-t3"], []),
    ("multi-hop", None, "the city my sister lives in — what museum did you suggest I take the train to there?", ["04-t1", "04-t4"], []),
    ("multi-hop", None, "what kind of knife did I decide to get for the person I live with?", ["14-t3", "14-t6", "14-t7"], []),
    ("multi-hop", None, "what's safe to cook for my partner given his allergy — did the salmon dish have any problem?", ["03-t1", "13-t6"], []),
    ("multi-hop", None, "what story did you suggest for my speech at the wedding, and where did it come from?", ["20-t4", "04-t5"], []),
    ("multi-hop", None, "the neighbourhood I first moved to in Edinburgh, how long was the tram to work from there?", ["10-t1", "09-t4"], []),
    ("open-domain", None, "is the marathon I signed up for before or after my sister's wedding?", ["15-t1", "20-t1"], []),
    ("open-domain", None, "how far was the race I ran in Manchester in km?", ["01-t1", "12-t1"], []),
    ("open-domain", None, "is the author of the spy books I'm reading British?", ["11-t4"], []),
    ("open-domain", None, "what country's currency will I need for the wedding?", ["20-t1"], []),
    ("open-domain", None, "what's the average pace per km of my marathon time?", ["21-t1"], []),
    ("single-session-user", "2024-09-01 09:00", "what did I say my rent budget for Edinburgh was?", ["09-t3"], []),
    ("knowledge-update", "2024-09-01 09:00", "how heavy is Biscuit now?", ["10-t3"], ["02-t1"]),
    ("preference", "2024-08-15 09:00", "my sister's birthday is coming up, any gift ideas?", ["04-t5"], []),
    ("temporal", "2024-11-20 09:00", "how much weight has Biscuit lost since spring?", ["02-t1", "13-t1"], []),
    ("multi-session", "2024-12-01 09:00", "what have I spent on travel so far this year?", ["06-t5"], []),
    ("knowledge-update", "2024-12-01 09:00", "who does Sam live with right now?", ["14-t3"], ["09-t3"]),
]


def ts(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    memories, created, owner, conv = [], {}, {}, {}
    per_user = {}
    for user, sessions in SESSIONS.items():
        last = None
        nturns = 0
        for num, start, turns in sessions:
            sid = f"{user}-{num:02d}"
            t0 = ts(start)
            assert last is None or t0 > last, f"{sid} out of date order"
            assert 4 <= len(turns) <= 12, f"{sid} has {len(turns)} turns"
            for i, (role, text) in enumerate(turns):
                assert role == (U if i % 2 == 0 else A), f"{sid} turn {i + 1} does not alternate"
                assert text.strip(), f"{sid} turn {i + 1} empty"
                tid = f"{sid}-t{i + 1}"
                assert tid not in created, f"duplicate id {tid}"
                at = t0 + timedelta(minutes=2 * i + (len(text) // 400))
                created[tid], owner[tid], conv[tid] = at, user, sid
                memories.append({"id": tid, "project": user, "conversationId": sid, "role": role,
                                 "content": text, "createdAt": iso(at)})
                last = at
            nturns += len(turns)
        per_user[user] = [len(sessions), nturns, 0]

    queries, types = [], Counter()
    qids = set()
    for user, qs in QUERIES.items():
        for n, (qtype, asked, question, gold, superseded) in enumerate(qs, 1):
            assert qtype in TYPES, qtype
            qid = f"{user}-q{n:03d}"
            assert qid not in qids
            qids.add(qid)
            at = ts(asked or DEFAULT_ASKED)
            gids = [f"{user}-{g}" for g in gold]
            assert gids, f"{qid} has no gold"
            assert len(set(gids)) == len(gids), f"{qid} repeats a gold id"
            for g in gids:
                assert g in created, f"{qid}: unknown gold {g}"
                assert owner[g] == user, f"{qid}: gold {g} of another project"
                assert created[g] < at, f"{qid}: gold {g} written after askedAt"
            convs = sorted({conv[g] for g in gids})
            for g in gids:
                assert conv[g] in convs
            if qtype == "knowledge-update":
                assert superseded, f"{qid}: knowledge update without superseded turns"
                newest = min(created[g] for g in gids)
                for s in superseded:
                    sid = f"{user}-{s}"
                    assert sid in created and owner[sid] == user, f"{qid}: unknown superseded {sid}"
                    assert sid not in gids
                    assert created[sid] < newest, f"{qid}: superseded {sid} not older than gold"
            else:
                assert not superseded, f"{qid}: superseded only for knowledge updates"
            queries.append({"id": qid, "project": user, "query": question, "askedAt": iso(at),
                            "goldIds": gids, "goldConversations": convs, "type": qtype})
            types[qtype] += 1
            per_user[user][2] += 1
    assert len({q["query"] for q in queries}) == len(queries), "duplicate question text"

    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")

    mid = sum(1 for q in queries if q["askedAt"] != iso(ts(DEFAULT_ASKED)))
    print(f"{'user':<8} {'sessions':>8} {'turns':>6} {'questions':>9}")
    for user, (s, t, q) in per_user.items():
        print(f"{user:<8} {s:>8} {t:>6} {q:>9}")
    print(f"{'total':<8} {sum(v[0] for v in per_user.values()):>8} {len(memories):>6} {len(queries):>9}")
    for t in TYPES:
        print(f"  {t:<26} {types[t]}")
    print(f"  asked mid-way: {mid}")


if __name__ == "__main__":
    main()
