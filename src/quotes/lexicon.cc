// Word lists for reported speech, written here by hand from newswire usage. Each list is
// folded (case and accents) when it is loaded, as Analysis::Folded folds the text.
#include "quotes/lexicon.h"

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "newsweave/quotes.h"
#include "text/unicode.h"

namespace newsweave::quotes {
namespace {

constexpr int kNoStance = -1;
constexpr int kAccuse = static_cast<int>(Stance::kAccusation);
constexpr int kDeny = static_cast<int>(Stance::kDenial);
constexpr int kDemand = static_cast<int>(Stance::kDemand);
constexpr int kWarn = static_cast<int>(Stance::kWarning);

// A class of words in one language. A word may end in "+f" or "+m" (its gender).
struct Entry {
  const char* lang;
  std::uint32_t flags;
  int stance;
  const char* words;
};

// clang-format off
constexpr Entry kEntries[] = {
  // ---- English
  {"en", kSpeech, kNoStance,
   "say says said saying tell tells told add adds added state states stated declare declares "
   "declared explain explains explained note notes noted insist insists insisted announce "
   "announces announced claim claims claimed write writes wrote ask asks asked reply replies "
   "replied respond responds responded recall recalls recalled comment commented tweet tweeted "
   "posted continued continues admit admits admitted acknowledge acknowledged confirm confirms "
   "confirmed stress stresses stressed argue argues argued shouted cried maintain maintains "
   "maintained asserted suggested suggests concluded complained complains promise promised "
   "pledged vowed vows spoke speaks testified recounted remarked observed predicted emphasised "
   "emphasized reiterated reported quipped joked lamented conceded boasted chanted chanting "
   "yelled whispered assured reassured explaining adding noting telling described describes "
   "praised hailed criticised criticized retorted countered snapped sighed laughed begged "
   "screamed revealed disclosed wondered questioned writing speaking"},
  {"en", kConjunction, kNoStance, "and but or because while although"},
  {"en", kSpeech | kAppeal, kNoStance,
   "appeal appeals appealed plead pleads pleaded request requests requested sought seeks"},
  {"en", kSpeech | kCallOn, kNoStance, "call calls called calling"},
  {"en", kSpeech, kAccuse, "accuse accuses accused accusing blame blames blamed blaming alleged alleges"},
  {"en", kSpeech, kDeny, "deny denies denied denying refute refutes refuted rebut rebutted"},
  {"en", kSpeech | kDenialIfAccusation, kNoStance, "reject rejects rejected dismiss dismisses dismissed"},
  {"en", kSpeech | kAppeal, kDemand, "demand demands demanded urge urges urged"},
  {"en", kSpeech, kWarn, "warn warns warned caution cautioned threaten threatens threatened"},
  {"en", kAccording, kNoStance, "according"},
  {"en", kPronoun, kNoStance, "he+m she+f it"},
  {"en", kPronoun | kPlural, kNoStance, "they"},
  {"en", kDeterminer, kNoStance, "the its his her their our this"},
  {"en", kDeterminer | kPlural, kNoStance, "these those"},
  {"en", kDeterminer | kIndefinite, kNoStance, "a an one"},
  {"en", kPreposition, kNoStance,
   "of in at on for from with to near into about after before during outside inside across "
   "over under against among between through without within behind via toward towards upon "
   "since until than like"},
  {"en", kPreposition | kBy, kNoStance, "by"},
  {"en", kRelative, kNoStance, "who whose which whom where when"},
  {"en", kHonorific, kNoStance, "mr+m mrs+f ms+f miss+f dr prof sir+m dame+f lord+m lady+f doctor"},
  {"en", kNegation, kNoStance, "not n't never no"},
  {"en", kAuxiliary, kNoStance,
   "has have had was were is are be been will would did does do could can may might should "
   "also then later again repeatedly"},
  {"en", kThat, kNoStance, "that"},
  {"en", kHelpNoun, kNoStance, "help aid assistance relief"},
  {"en", kAccusationNoun, kNoStance,
   "accusation accusations allegation allegations charge charges claims"},
  {"en", kRejectWord, kNoStance,
   "absurd baseless unfounded false groundless ridiculous lies fabricated nonsense propaganda"},

  // ---- French
  {"fr", kSpeech, kNoStance,
   "dit dire disait déclaré déclare déclarait déclara affirmé affirme affirmait affirma ajouté "
   "ajoute ajoutait ajouta expliqué explique expliquait expliqua indiqué indique indiquait "
   "souligné souligne soulignait précisé précise précisait estimé estime estimait assuré assure "
   "assurait annoncé annonce annonçait lancé lance lançait lança confié confie confiait insisté "
   "insiste insistait martelé martèle martelait réagi réagit répondu répond répondait commenté "
   "commente déploré déplore dénoncé dénonce poursuivi poursuit raconté raconte racontait "
   "témoigné témoigne réjoui indigné exclamé écrit écrivait rappelé rappelle reconnu reconnaît "
   "admis confirmé confirme promis promet regretté regrette plaidé jugé juge observé noté relevé "
   "résumé résume résumait soutenu soutient répété répète lâché lâche tranché tranche conclu "
   "conclut félicité ironisé renchéri glissé souffle assène fustigé disent déclarent affirment "
   "qualifié qualifie salué salue alarme soupire agace inquiète insurge emporte exclame tempête "
   "rétorque réplique admet glisse fustige étonne indigne ironise sourit résumé"},
  {"fr", kConjunction, kNoStance, "et mais ou car puis"},
  {"fr", kAccordingInitial, kNoStance, "pour"},
  {"fr", kSpeech | kAppeal, kNoStance,
   "appelé appelle appelait sollicité sollicite imploré supplié"},
  {"fr", kSpeech, kAccuse, "accusé accuse accusent accusait accusaient reproché reproche imputé"},
  {"fr", kSpeech, kDeny,
   "démenti dément démentent démentait nié nie nient niait réfuté réfute contesté conteste"},
  {"fr", kSpeech | kDenialIfAccusation, kNoStance, "rejeté rejette rejettent rejetait"},
  {"fr", kSpeech | kAppeal, kDemand,
   "exigé exige exigent réclamé réclame réclament demandé demande demandent sommé"},
  {"fr", kSpeech, kWarn,
   "averti avertit avertissent avertissait prévenu prévient menacé menace menacent alerté "
   "alerte"},
  {"fr", kAccording, kNoStance, "selon d'après"},
  {"fr", kPronoun, kNoStance, "il+m elle+f"},
  {"fr", kPronoun | kPlural, kNoStance, "ils+m elles+f"},
  {"fr", kDeterminer, kNoStance,
   "le la l son sa leur ce cet cette notre votre"},
  {"fr", kDeterminer | kPlural, kNoStance, "les ses leurs ces nos vos"},
  {"fr", kDeterminer | kIndefinite, kNoStance, "un une"},
  {"fr", kPreposition, kNoStance,
   "de d du des à au aux en dans pour sur sous avec chez devant contre vers près depuis lors "
   "après avant entre auprès"},
  {"fr", kPreposition | kBy, kNoStance, "par"},
  {"fr", kRelative, kNoStance, "qui dont lequel laquelle où"},
  {"fr", kHonorific, kNoStance, "m+m mme+f mlle+f me monsieur+m madame+f dr docteur pr"},
  {"fr", kNegation, kNoStance, "ne n pas jamais non"},
  {"fr", kAuxiliary, kNoStance,
   "a ont avait avaient est sont était étaient se s sera aurait aussi encore également t"},
  {"fr", kThat, kNoStance, "que qu"},
  {"fr", kHelpNoun, kNoStance, "aide secours assistance"},
  {"fr", kAccusationNoun, kNoStance,
   "accusation accusations allégation allégations reproches imputations"},
  {"fr", kRejectWord, kNoStance,
   "absurde absurdes infondé infondée infondées infondés fausse fausses faux mensonge "
   "mensonges mensongères ridicule ridicules grotesque grotesques propagande"},

  // ---- German
  {"de", kSpeech, kNoStance,
   "sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten ergänzte "
   "ergänzt meinte meint berichtete berichtet räumte bestätigte bestätigt versicherte versichert "
   "unterstrich schrieb schreibt erläuterte kommentierte sprach spricht äußerte kritisierte "
   "kritisiert klagte beklagte verkündete antwortete antwortet entgegnete erwiderte bekräftigte "
   "erzählte erzählt versprach verspricht resümierte argumentierte behauptete behauptet "
   "beteuerte nannte nennt bezeichnete bezeichnet lobte lobt schimpfte jubelte freute ärgerte "
   "twitterte bilanzierte urteilte befand widersprach zitierte"},
  {"de", kConjunction, kNoStance, "und aber oder weil während"},
  {"de", kAccordingInitial, kNoStance, "für"},
  {"de", kSpeech | kSeparable, kNoStance, "fügte fügt teilte teilt kündigte kündigt gab"},
  {"de", kSpeech | kAppeal, kNoStance, "bat bittet appellierte ersuchte"},
  {"de", kSpeech | kAppeal | kSeparable, kNoStance, "rief ruft"},
  {"de", kSpeech, kAccuse, "beschuldigte beschuldigten beschuldigt beschuldigen bezichtigte bezichtigt"},
  {"de", kSpeech | kSeparable, kAccuse, "warf warfen wirft werfen"},
  {"de", kSpeech | kParticiple, kAccuse, "vorgeworfen"},
  {"de", kSpeech, kDeny, "bestritt bestreitet bestreiten dementierte dementierten dementiert leugnete leugnet"},
  {"de", kSpeech | kParticiple, kDeny, "bestritten"},
  {"de", kSpeech | kSeparable | kDenialIfAccusation, kNoStance, "wies wiesen weist weisen"},
  {"de", kSpeech | kParticiple | kDenialIfAccusation, kNoStance, "zurückgewiesen"},
  {"de", kSpeech | kAppeal, kDemand, "forderte forderten fordert fordern verlangte verlangten verlangt"},
  {"de", kSpeech | kParticiple | kAppeal, kDemand, "gefordert verlangt"},
  {"de", kSpeech, kWarn, "warnte warnten warnt warnen drohte drohten droht mahnte mahnt"},
  {"de", kSpeech | kParticiple, kWarn, "gewarnt gedroht"},
  {"de", kAccording, kNoStance, "laut gemäß angaben"},
  {"de", kAccordingAfter, kNoStance, "zufolge"},
  {"de", kSoMarker, kNoStance, "so"},
  {"de", kPronoun, kNoStance, "er+m sie"},
  {"de", kDeterminer, kNoStance,
   "der die das den dem des sein seine seiner seinem seinen seines ihr ihre ihrem ihren ihrer "
   "ihres dieser diese dieses diesem diesen unser unsere"},
  {"de", kDeterminer | kIndefinite, kNoStance, "ein eine einer eines einem einen"},
  {"de", kPreposition, kNoStance,
   "vom in im am an auf aus bei beim mit nach zu zum zur für über unter vor gegen seit durch "
   "ohne um"},
  {"de", kPreposition | kDeterminer, kNoStance, "dem einem"},  // dative: never the subject
  {"de", kPreposition | kBy, kNoStance, "von"},
  {"de", kRelative, kNoStance, "welcher welche"},
  {"de", kRelative | kDeterminer, kNoStance, "dessen deren"},  // also "its": "deren Leiterin"
  {"de", kHonorific, kNoStance, "herr+m frau+f dr prof doktor"},
  {"de", kNegation, kNoStance, "nicht nie kein keine"},
  {"de", kAuxiliary, kNoStance,
   "hat haben hatte hatten ist sind war waren wurde wurden wird werden habe sei seien auch "
   "zudem dann später"},
  {"de", kThat, kNoStance, "dass"},
  {"de", kHelpNoun, kNoStance, "hilfe unterstützung beistand"},
  {"de", kAccusationNoun, kNoStance,
   "vorwurf vorwürfe anschuldigung anschuldigungen beschuldigung beschuldigungen behauptung "
   "behauptungen"},
  {"de", kRejectWord, kNoStance,
   "absurd haltlos unbegründet falsch lüge lügen lächerlich propaganda erfunden"},

  // ---- Spanish
  {"es", kSpeech, kNoStance,
   "dijo dice decía dicho afirmó afirma afirmaba afirmado declaró declara declarado aseguró "
   "asegura asegurado añadió añade explicó explica explicaba señaló señala indicó indica "
   "manifestó subrayó subraya resumió contaba contó relató relata insistió insiste apuntó "
   "destacó destaca agregó agrega sostuvo sostiene reconoció reconoce comentó respondió "
   "responde lamentó lamenta denunció denuncia recordó recuerda anunció anuncia admitió "
   "confirmó prometió gritaban gritó gritaba exclamó afirmaron dijeron aseguraron criticó "
   "matizó precisó aclaró zanjó defendió escribió expresó valoró celebró enfatizó reiteró "
   "concluyó sentenció explicaron señalaron declararon calificó califica proclamó proclama "
   "quejaba quejó replicó ironizó apostilló recalcó remarcó detalló expuso puntualizó confesó "
   "lamentaba comentaba relataba aseguraba señalaba recordaba"},
  {"es", kConjunction, kNoStance, "y e pero o porque mientras"},
  {"es", kAccordingInitial, kNoStance, "para"},
  {"es", kSpeech | kAppeal, kNoStance, "solicitó solicita imploró llamó"},
  {"es", kSpeech, kAccuse, "acusó acusa acusan acusaron acusado culpó culpa responsabilizó"},
  {"es", kSpeech, kDeny,
   "negó niega niegan negaron negado desmintió desmiente desmintieron refutó"},
  {"es", kSpeech | kDenialIfAccusation, kNoStance, "rechazó rechaza rechazaron rechazado"},
  {"es", kSpeech | kAppeal, kDemand,
   "exigió exige exigen exigieron reclamó reclama instó insta pidió pide piden pidieron"},
  {"es", kSpeech, kWarn,
   "advirtió advierte advirtieron alertó alerta amenazó amenaza avisó"},
  {"es", kAccording, kNoStance, "según"},
  {"es", kPronoun, kNoStance, "él+m ella+f"},
  {"es", kPronoun | kPlural, kNoStance, "ellos+m ellas+f"},
  {"es", kDeterminer, kNoStance,
   "el la su este esta ese esa lo"},
  {"es", kDeterminer | kPlural, kNoStance, "los las sus estos estas esos esas"},
  {"es", kDeterminer | kIndefinite, kNoStance, "un una"},
  {"es", kDeterminer | kIndefinite | kPlural, kNoStance, "unos unas"},
  {"es", kPreposition, kNoStance,
   "de del en a al con para desde hacia sobre ante tras entre contra sin hasta"},
  {"es", kPreposition | kBy, kNoStance, "por"},
  {"es", kRelative, kNoStance, "quien quienes cuyo cuya cuyos cuyas donde"},
  {"es", kHonorific, kNoStance, "sr+m sra+f srta+f don+m doña+f señor+m señora+f dr dra+f doctor+m doctora+f"},
  {"es", kNegation, kNoStance, "no nunca jamás"},
  {"es", kAuxiliary, kNoStance,
   "ha han había habían fue fueron es son era se será habría también además luego"},
  {"es", kThat, kNoStance, "que"},
  {"es", kHelpNoun, kNoStance, "ayuda auxilio asistencia socorro"},
  {"es", kAccusationNoun, kNoStance,
   "acusación acusaciones denuncia denuncias alegaciones imputaciones"},
  {"es", kRejectWord, kNoStance,
   "absurda absurdas absurdo absurdos infundada infundadas falsa falsas falso falsos mentira "
   "mentiras ridícula ridículas propaganda"},

  // ---- Italian and Portuguese: the rules carry over with the main words.
  {"it", kSpeech, kNoStance,
   "detto dice disse dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge "
   "sottolineato sottolinea annunciato ribadito definito"},
  {"it", kConjunction, kNoStance, "e ma o perché"},
  {"it", kSpeech, kAccuse, "accusato accusa"},
  {"it", kSpeech, kDeny, "negato nega smentito smentisce respinto"},
  {"it", kSpeech, kWarn, "avvertito avverte minacciato"},
  {"it", kAccording, kNoStance, "secondo"},
  {"it", kPronoun, kNoStance, "lui+m lei+f"},
  {"it", kDeterminer, kNoStance, "il lo la i gli le suo sua"},
  {"it", kDeterminer | kIndefinite, kNoStance, "un una uno"},
  {"it", kPreposition, kNoStance, "di del della dei in a al con per su da"},
  {"it", kAuxiliary, kNoStance, "ha hanno è sono"},
  {"pt", kSpeech, kNoStance,
   "disse diz afirmou afirma declarou explicou acrescentou garantiu sublinhou"},
  {"pt", kSpeech, kAccuse, "acusou acusa"},
  {"pt", kSpeech, kDeny, "negou nega desmentiu rejeitou"},
  {"pt", kSpeech, kWarn, "alertou advertiu ameaçou"},
  {"pt", kAccording, kNoStance, "segundo"},
  {"pt", kPronoun, kNoStance, "ele+m ela+f"},
  {"pt", kDeterminer, kNoStance, "o a os as seu sua"},
  {"pt", kDeterminer | kIndefinite, kNoStance, "um uma"},
  {"pt", kPreposition, kNoStance, "de do da dos das em no na com por para"},
  {"pt", kAuxiliary, kNoStance, "tem foi é"},
};

// Roles: a language-neutral name, person or group, and the words of each language.
struct RoleEntry {
  Role role;
  const char* en;
  const char* fr;
  const char* de;
  const char* es;
  const char* it_pt;
};

constexpr RoleEntry kRoles[] = {
  {{"president", true, true}, "president", "président+m présidente+f",
   "präsident+m präsidentin+f staatschef+m staatschefin+f",
   "presidente presidenta+f mandatario+m mandataria+f", "presidente"},
  {{"minister", true, true}, "minister ministers premier", "ministre ministres", "minister+m ministerin+f",
   "ministro+m ministra+f consejero+m consejera+f", "ministro ministra+f"},
  {{"mayor", true, true}, "mayor", "maire",
   "bürgermeister+m bürgermeisterin+f stadtpräsident+m stadtpräsidentin+f",
   "alcalde+m alcaldesa+f", "sindaco prefeito+m prefeita+f"},
  {{"spokesperson", true}, "spokesman+m spokeswoman+f spokesperson spokesmen spokespeople",
   "porte-parole",
   "sprecher+m sprecherin+f", "portavoz vocero+m vocera+f", "portavoce porta-voz"},
  {{"prefect", true, true}, "prefect", "préfet+m préfète+f", "präfekt+m präfektin+f",
   "prefecto+m prefecta+f", "prefetto"},
  {{"governor", true, true}, "governor", "gouverneur gouverneure+f", "gouverneur+m gouverneurin+f",
   "gobernador+m gobernadora+f", "governatore"},
  {{"head", true}, "head chief director ceo", "directeur+m directrice+f chef cheffe+f responsable pdg",
   "chef+m chefin+f leiter+m leiterin+f direktor+m direktorin+f landrat+m landrätin+f",
   "director+m directora+f jefe+m jefa+f responsable", "direttore capo"},
  {{"leader", true}, "leader", "dirigeant+m dirigeante+f",
   "anführer+m anführerin+f führer+m führerin+f", "líder dirigente", "leader"},
  {{"secretary", true, true}, "secretary", "secrétaire", "sekretär+m sekretärin+f",
   "secretario+m secretaria+f", "segretario"},
  {{"ambassador", true, true}, "ambassador", "ambassadeur+m ambassadrice+f",
   "botschafter+m botschafterin+f", "embajador+m embajadora+f", "ambasciatore"},
  {{"commander", true}, "commander", "commandant", "kommandeur+m kommandeurin+f kommandant",
   "comandante", "comandante"},
  {{"general", true, true}, "general", "général", "general", "general", "generale"},
  {{"admiral", true, true}, "admiral vice-admiral", "amiral vice-amiral", "admiral vizeadmiral",
   "almirante vicealmirante", "ammiraglio"},
  {{"councillor", true}, "councillor councilor councilman+m councilwoman+f",
   "conseiller+m conseillère+f", "stadtrat+m stadträtin+f gemeinderat", "concejal concejala+f",
   "consigliere"},
  {{"delegate", true}, "delegate", "délégué+m déléguée+f", "delegierter+m delegierte",
   "delegado+m delegada+f", "delegato"},
  {{"representative", true}, "representative", "représentant+m représentante+f",
   "vertreter+m vertreterin+f", "representante", "rappresentante"},
  {{"official", true}, "official officials", "fonctionnaire", "beamter+m beamtin+f",
   "funcionario+m funcionaria+f", "funzionario"},
  {{"expert", true}, "expert analyst", "expert experte+f analyste", "experte expertin+f",
   "experto+m experta+f analista", "esperto"},
  {{"witness", true}, "witness witnesses", "témoin témoins", "zeuge+m zeugin+f zeugen",
   "testigo testigos", "testimone"},
  {{"resident", true}, "resident residents", "habitant+m habitante+f habitants",
   "anwohner anwohnerin+f bewohner bewohnerin+f", "vecino+m vecina+f vecinos residente",
   "residente"},
  {{"unionist", true}, "unionist", "syndicaliste", "gewerkschafter+m gewerkschafterin+f",
   "sindicalista", "sindacalista"},
  {{"worker", true}, "worker workers", "ouvrier+m ouvrière+f ouvriers salarié+m salariée+f",
   "arbeiter+m arbeiterin+f", "obrero+m obrera+f trabajador+m trabajadora+f", "operaio"},
  {{"student", true}, "student", "étudiant+m étudiante+f", "studentin+f", "estudiante",
   "studente"},
  {{"prosecutor", true, true}, "prosecutor prosecutors", "procureur+m procureure+f",
   "staatsanwalt+m staatsanwältin+f", "fiscal", "procuratore"},
  {{"judge", true}, "judge judges", "juge juges", "richter+m richterin+f", "juez+m jueza+f",
   "giudice"},
  {{"lawyer", true}, "lawyer lawyers attorney", "avocat+m avocate+f avocats",
   "anwalt+m anwältin+f", "abogado+m abogada+f abogados", "avvocato+m avvocata+f"},
  {{"coach", true}, "coach manager", "entraîneur+m entraîneure+f sélectionneur",
   "trainer+m trainerin+f", "entrenador+m entrenadora+f técnico seleccionador", "allenatore"},
  {{"observer", true}, "observer observers monitors", "observateur observatrice+f observateurs",
   "beobachter+m beobachterin+f wahlbeobachter", "observador+m observadora+f observadores",
   "osservatore osservatori"},
  {{"person", true},
   "patient nurse doctor teacher farmer driver passenger voter mother father neighbour "
   "neighbor survivor victim relative fan player",
   "patient+m patiente+f infirmier+m infirmière+f médecin enseignant+m enseignante+f "
   "agriculteur+m agricultrice+f chauffeur passager+m passagère+f électeur+m électrice+f "
   "mère+f père+m voisin+m voisine+f survivant+m survivante+f victime retraité+m retraitée+f "
   "joueur+m joueuse+f",
   "patient+m patientin+f krankenschwester+f pfleger+m pflegerin+f arzt+m ärztin+f "
   "lehrer+m lehrerin+f landwirt+m landwirtin+f fahrer+m fahrerin+f passagier wähler+m "
   "wählerin+f mutter+f vater+m nachbar+m nachbarin+f rentner+m rentnerin+f spieler+m "
   "spielerin+f",
   "paciente enfermero+m enfermera+f médico+m médica+f profesor+m profesora+f agricultor+m "
   "agricultora+f conductor+m conductora+f pasajero+m pasajera+f votante madre+f padre+m "
   "jubilado+m jubilada+f camionero+m camionera+f jugador+m jugadora+f",
   "paziente infermiere medico madre padre"},
  {{"rival", true}, "rival", "adversaire rival", "konkurrent+m konkurrentin+f",
   "rival contrincante", "rivale"},
  {{"elected", true}, "", "élu+m élue+f", "", "electo+m electa+f", "eletto"},
  {{"journalist", true}, "reporter reporters journalist journalists",
   "journaliste journalistes", "journalist+m journalistin+f journalisten",
   "periodista periodistas", "giornalista"},
  {{"police", false}, "police", "police gendarmerie", "polizei", "policía", "polizia"},
  {{"ministry", false}, "ministry", "ministère", "ministerium", "ministerio", "ministero"},
  {{"government", false}, "government", "gouvernement", "regierung", "gobierno", "governo"},
  {{"army", false}, "army military", "armée", "armee militär", "ejército", "esercito"},
  {{"rebels", false}, "rebel rebels insurgents", "rebelle rebelles insurgés",
   "rebell rebellen aufständische", "rebelde rebeldes insurgentes", "ribelli"},
  {{"authorities", false}, "authorities authority", "autorités autorité", "behörden behörde",
   "autoridades autoridad", "autorità"},
  {{"company", false}, "company firm operator airline carrier",
   "société entreprise exploitant compagnie", "unternehmen firma betreiber konzern gesellschaft",
   "empresa compañía operador aerolínea", "azienda compagnia"},
  {{"union", false}, "union", "syndicat syndicats", "gewerkschaft", "sindicato", "sindacato"},
  {{"management", false}, "management", "direction", "geschäftsführung konzernleitung",
   "dirección", "direzione"},
  {{"protesters", false}, "protesters protestors demonstrators", "manifestants",
   "demonstranten", "manifestantes", "manifestanti"},
  {{"court", false}, "court", "tribunal", "gericht", "tribunal", "tribunale"},
  {{"organisation", false},
   "party front nations council trust forum cross guard bank group association federation "
   "agency institute university hospital club league committee commission alliance "
   "foundation platform stadium",
   "parti front conseil forum croix garde banque groupe association fédération agence "
   "institut université hôpital club ligue comité commission alliance fondation collectif "
   "stade",
   "partei front rat forum kreuz garde bank gruppe verband verein verbund föderation agentur "
   "institut universität klinikum krankenhaus klub liga komitee kommission allianz stiftung "
   "stadion",
   "partido frente consejo foro cruz guardia banco grupo asociación federación agencia "
   "instituto universidad hospital club liga comité comisión alianza fundación plataforma "
   "estadio",
   "partito fronte consiglio croce banca gruppo associazione federazione agenzia istituto "
   "universita ospedale lega comitato commissione alleanza fondazione"},
  {{"presidency", false}, "presidency", "présidence", "präsidialamt", "presidencia",
   "presidenza"},
};
// clang-format on

constexpr std::array<std::string_view, 6> kLanguages = {"en", "fr", "de", "es", "it", "pt"};

// Adds the space-separated words of `list` to *map with `flags`, `stance` and `role`.
void AddWords(text::Folder* folder, const char* list, std::uint32_t flags, int stance, int role,
              WordMap* map) {
  std::string_view s(list);
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(' ', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view w = s.substr(pos, end - pos);
    pos = end + 1;
    if (w.empty()) continue;
    Gender g = Gender::kUnknown;
    if (w.ends_with("+f")) g = Gender::kFeminine;
    if (w.ends_with("+m")) g = Gender::kMasculine;
    if (g != Gender::kUnknown) w.remove_suffix(2);
    WordInfo& info = (*map)[folder->FoldUtf8(w)];
    info.flags |= flags;
    if (stance >= 0) info.stance = static_cast<std::int8_t>(stance);
    if (role >= 0) {
      info.role = static_cast<std::int16_t>(role);
      info.flags |= kRole;
    }
    if (g != Gender::kUnknown) info.gender = g;
  }
}

struct AllWords {
  std::array<LanguageWords, kLanguages.size() + 1> lists;  // the last: the union
};

}  // namespace

std::string_view SplitElision(std::string_view folded, std::string_view* head) {
  *head = {};
  for (std::size_t n = 1; n <= 6 && n < folded.size(); ++n) {
    const char c = folded[n];
    if (c == '\'') {
      *head = folded.substr(0, n);
      return folded.substr(n + 1);
    }
    if (folded.substr(n).starts_with("\xE2\x80\x99")) {
      *head = folded.substr(0, n);
      return folded.substr(n + 3);
    }
    if (!(c >= 'a' && c <= 'z')) break;
  }
  return folded;
}

const WordInfo* LanguageWords::FindCompoundRole(std::string_view folded) const {
  if (!compounds_) return nullptr;
  // Longest suffix first: "oberburgermeisterin" -> "burgermeisterin", not "meisterin";
  // none longer than the longest role word (no lookup can find a role there).
  const std::size_t first = folded.size() > longest_role_ ? folded.size() - longest_role_ : 1;
  for (std::size_t start = first; start + shortest_role_ <= folded.size(); ++start) {
    // Only cut at a character boundary.
    if ((static_cast<unsigned char>(folded[start]) & 0xC0) == 0x80) continue;
    const WordInfo* info = Find(folded.substr(start));
    if (info != nullptr && (info->flags & kRole)) return info;
  }
  return nullptr;
}

void LanguageWords::Freeze() {
  std::size_t size = 2;
  while (size < 2 * words_.size()) size *= 2;
  slots_.assign(size, Slot());
  mask_ = size - 1;
  for (const auto& entry : words_) {
    const std::size_t h = StringHash()(entry.first);
    std::size_t i = h & mask_;
    while (slots_[i].entry != nullptr) i = (i + 1) & mask_;
    slots_[i] = Slot{h, &entry};
  }
}

const LanguageWords& WordsFor(std::string_view lang) {
  static const AllWords* all = [] {
    auto* a = new AllWords();
    text::Folder folder;
    LanguageWords& any = a->lists[kLanguages.size()];
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      LanguageWords& words = a->lists[l];
      for (const Entry& e : kEntries) {
        if (kLanguages[l] != e.lang) continue;
        AddWords(&folder, e.words, e.flags, e.stance, -1, &words.words_);
        AddWords(&folder, e.words, e.flags, e.stance, -1, &any.words_);
      }
      for (std::size_t r = 0; r < std::size(kRoles); ++r) {
        const RoleEntry& re = kRoles[r];
        const char* list = l == 0   ? re.en
                           : l == 1 ? re.fr
                           : l == 2 ? re.de
                           : l == 3 ? re.es
                                    : re.it_pt;
        AddWords(&folder, list, 0, -1, static_cast<int>(r), &words.words_);
        AddWords(&folder, list, 0, -1, static_cast<int>(r), &any.words_);
      }
      words.compounds_ = kLanguages[l] == "de";
      for (const auto& [word, info] : words.words_) {
        if (info.flags & kRole) words.longest_role_ = std::max(words.longest_role_, word.size());
      }
    }
    for (LanguageWords& words : a->lists) words.Freeze();
    return a;
  }();
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    if (kLanguages[l] == lang) return all->lists[l];
  }
  return all->lists[kLanguages.size()];
}

const Role& RoleAt(int index) { return kRoles[static_cast<std::size_t>(index)].role; }

}  // namespace newsweave::quotes
