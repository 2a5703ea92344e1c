"""What the tests type in and look for, in one place: self-check answers, training tool
queries, the seeded conditions.

Fixtures live in tests/conftest.py; builders of clinics and logos in tests/clinics.py.
"""

# Self-check answers, as the form posts them.

# Runner's knee: a gradual ache at the front, worse on stairs and sitting. Self-care.
RUNNERS_KNEE = {
    "age": "34",
    "pain_location": "front",
    "onset": "gradual",
    "swelling": "none",
    "weight_bearing": "normal",
    "worse_with": ["stairs", "sitting"],
    "recent_increase": "on",
    "pain_level": "4",
}
# The same runner with one value per field, for the load tools that urlencode a post
# (tests/load/): the triage runs in full.
LOAD_ANSWERS = {**RUNNERS_KNEE, "worse_with": "stairs"}
# A sudden injury, swollen within the hour, and the runner cannot bear weight: see a doctor
# today.
URGENT_ANSWERS = {
    "pain_location": "front",
    "onset": "sudden",
    "swelling": "within-hour",
    "weight_bearing": "unable",
    "pain_level": "7",
}
# IT band syndrome: a tight outer knee, no swelling. Self-care.
SELF_CARE_ANSWERS = {
    "pain_location": "outer",
    "onset": "gradual",
    "swelling": "none",
    "weight_bearing": "normal",
    "pain_level": "3",
    "outer_tightness": "on",
}

# A query per training tool that shows its result.
TRAINING_QUERIES = {
    "shoes": "distance=300&unit=km",
    "mileage": "current=20&goal=30&unit=km",
    "spike": "longest_30d=10&planned=12&unit=km",
    "cadence": "spm=165",
}

# The seeded conditions: the first six, then those added with the evidence-weighted triage.
FIRST_CONDITION_SLUGS = (
    "it-band-syndrome",
    "overuse-tendonitis",
    "runners-knee",
    "meniscus-tear",
    "ligament-tear",
    "knee-strain",
)
ADDED_CONDITION_SLUGS = (
    "bone-stress-injury",
    "knee-osteoarthritis",
    "pes-anserine-bursitis",
    "osgood-schlatter",
    "kneecap-dislocation",
    "bakers-cyst",
    "hamstring-tendinopathy",
)
