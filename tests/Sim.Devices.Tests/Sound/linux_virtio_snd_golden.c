/*
 * Golden values from the Linux UAPI header /usr/include/linux/virtio_snd.h (and virtio_ids.h for the device id), printed
 * as "key=value" lines (decimal) for SoundLayoutGoldenTests to compare with Sim.Devices.Sound.SoundLayout.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   every struct of the header and every field (FIELD may be a
 *                                                         nested member such as hdr.stream_id)
 *   FAMILY.NAME                                          every #define and enum constant, FAMILY one of:
 *                                                         id, vq, dir, code, jack_feature, const, pcm_feature, format,
 *                                                         rate, chmap
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_snd_golden linux_virtio_snd_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_snd.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_snd_config);
	PRINT_OFFSETOF(virtio_snd_config, jacks);
	PRINT_OFFSETOF(virtio_snd_config, streams);
	PRINT_OFFSETOF(virtio_snd_config, chmaps);

	PRINT_SIZEOF(virtio_snd_hdr);
	PRINT_OFFSETOF(virtio_snd_hdr, code);

	PRINT_SIZEOF(virtio_snd_event);
	PRINT_OFFSETOF(virtio_snd_event, hdr);
	PRINT_OFFSETOF(virtio_snd_event, data);

	PRINT_SIZEOF(virtio_snd_query_info);
	PRINT_OFFSETOF(virtio_snd_query_info, hdr);
	PRINT_OFFSETOF(virtio_snd_query_info, start_id);
	PRINT_OFFSETOF(virtio_snd_query_info, count);
	PRINT_OFFSETOF(virtio_snd_query_info, size);

	PRINT_SIZEOF(virtio_snd_info);
	PRINT_OFFSETOF(virtio_snd_info, hda_fn_nid);

	PRINT_SIZEOF(virtio_snd_jack_hdr);
	PRINT_OFFSETOF(virtio_snd_jack_hdr, hdr);
	PRINT_OFFSETOF(virtio_snd_jack_hdr, jack_id);

	PRINT_SIZEOF(virtio_snd_jack_info);
	PRINT_OFFSETOF(virtio_snd_jack_info, hdr);
	PRINT_OFFSETOF(virtio_snd_jack_info, features);
	PRINT_OFFSETOF(virtio_snd_jack_info, hda_reg_defconf);
	PRINT_OFFSETOF(virtio_snd_jack_info, hda_reg_caps);
	PRINT_OFFSETOF(virtio_snd_jack_info, connected);
	PRINT_OFFSETOF(virtio_snd_jack_info, padding);

	PRINT_SIZEOF(virtio_snd_jack_remap);
	PRINT_OFFSETOF(virtio_snd_jack_remap, hdr);
	PRINT_OFFSETOF(virtio_snd_jack_remap, hdr.jack_id);
	PRINT_OFFSETOF(virtio_snd_jack_remap, association);
	PRINT_OFFSETOF(virtio_snd_jack_remap, sequence);

	PRINT_SIZEOF(virtio_snd_pcm_hdr);
	PRINT_OFFSETOF(virtio_snd_pcm_hdr, hdr);
	PRINT_OFFSETOF(virtio_snd_pcm_hdr, stream_id);

	PRINT_SIZEOF(virtio_snd_pcm_info);
	PRINT_OFFSETOF(virtio_snd_pcm_info, hdr);
	PRINT_OFFSETOF(virtio_snd_pcm_info, features);
	PRINT_OFFSETOF(virtio_snd_pcm_info, formats);
	PRINT_OFFSETOF(virtio_snd_pcm_info, rates);
	PRINT_OFFSETOF(virtio_snd_pcm_info, direction);
	PRINT_OFFSETOF(virtio_snd_pcm_info, channels_min);
	PRINT_OFFSETOF(virtio_snd_pcm_info, channels_max);
	PRINT_OFFSETOF(virtio_snd_pcm_info, padding);

	PRINT_SIZEOF(virtio_snd_pcm_set_params);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, hdr);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, hdr.stream_id);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, buffer_bytes);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, period_bytes);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, features);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, channels);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, format);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, rate);
	PRINT_OFFSETOF(virtio_snd_pcm_set_params, padding);

	PRINT_SIZEOF(virtio_snd_pcm_xfer);
	PRINT_OFFSETOF(virtio_snd_pcm_xfer, stream_id);

	PRINT_SIZEOF(virtio_snd_pcm_status);
	PRINT_OFFSETOF(virtio_snd_pcm_status, status);
	PRINT_OFFSETOF(virtio_snd_pcm_status, latency_bytes);

	PRINT_SIZEOF(virtio_snd_chmap_hdr);
	PRINT_OFFSETOF(virtio_snd_chmap_hdr, hdr);
	PRINT_OFFSETOF(virtio_snd_chmap_hdr, chmap_id);

	PRINT_SIZEOF(virtio_snd_chmap_info);
	PRINT_OFFSETOF(virtio_snd_chmap_info, hdr);
	PRINT_OFFSETOF(virtio_snd_chmap_info, direction);
	PRINT_OFFSETOF(virtio_snd_chmap_info, channels);
	PRINT_OFFSETOF(virtio_snd_chmap_info, positions);

	PRINT("id", VIRTIO_ID_SOUND);

	PRINT("vq", VIRTIO_SND_VQ_CONTROL);
	PRINT("vq", VIRTIO_SND_VQ_EVENT);
	PRINT("vq", VIRTIO_SND_VQ_TX);
	PRINT("vq", VIRTIO_SND_VQ_RX);
	PRINT("vq", VIRTIO_SND_VQ_MAX);

	PRINT("dir", VIRTIO_SND_D_OUTPUT);
	PRINT("dir", VIRTIO_SND_D_INPUT);

	PRINT("code", VIRTIO_SND_R_JACK_INFO);
	PRINT("code", VIRTIO_SND_R_JACK_REMAP);
	PRINT("code", VIRTIO_SND_R_PCM_INFO);
	PRINT("code", VIRTIO_SND_R_PCM_SET_PARAMS);
	PRINT("code", VIRTIO_SND_R_PCM_PREPARE);
	PRINT("code", VIRTIO_SND_R_PCM_RELEASE);
	PRINT("code", VIRTIO_SND_R_PCM_START);
	PRINT("code", VIRTIO_SND_R_PCM_STOP);
	PRINT("code", VIRTIO_SND_R_CHMAP_INFO);
	PRINT("code", VIRTIO_SND_EVT_JACK_CONNECTED);
	PRINT("code", VIRTIO_SND_EVT_JACK_DISCONNECTED);
	PRINT("code", VIRTIO_SND_EVT_PCM_PERIOD_ELAPSED);
	PRINT("code", VIRTIO_SND_EVT_PCM_XRUN);
	PRINT("code", VIRTIO_SND_S_OK);
	PRINT("code", VIRTIO_SND_S_BAD_MSG);
	PRINT("code", VIRTIO_SND_S_NOT_SUPP);
	PRINT("code", VIRTIO_SND_S_IO_ERR);

	PRINT("jack_feature", VIRTIO_SND_JACK_F_REMAP);

	PRINT("const", VIRTIO_SND_CHMAP_MAX_SIZE);

	PRINT("pcm_feature", VIRTIO_SND_PCM_F_SHMEM_HOST);
	PRINT("pcm_feature", VIRTIO_SND_PCM_F_SHMEM_GUEST);
	PRINT("pcm_feature", VIRTIO_SND_PCM_F_MSG_POLLING);
	PRINT("pcm_feature", VIRTIO_SND_PCM_F_EVT_SHMEM_PERIODS);
	PRINT("pcm_feature", VIRTIO_SND_PCM_F_EVT_XRUNS);

	PRINT("format", VIRTIO_SND_PCM_FMT_IMA_ADPCM);
	PRINT("format", VIRTIO_SND_PCM_FMT_MU_LAW);
	PRINT("format", VIRTIO_SND_PCM_FMT_A_LAW);
	PRINT("format", VIRTIO_SND_PCM_FMT_S8);
	PRINT("format", VIRTIO_SND_PCM_FMT_U8);
	PRINT("format", VIRTIO_SND_PCM_FMT_S16);
	PRINT("format", VIRTIO_SND_PCM_FMT_U16);
	PRINT("format", VIRTIO_SND_PCM_FMT_S18_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_U18_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_S20_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_U20_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_S24_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_U24_3);
	PRINT("format", VIRTIO_SND_PCM_FMT_S20);
	PRINT("format", VIRTIO_SND_PCM_FMT_U20);
	PRINT("format", VIRTIO_SND_PCM_FMT_S24);
	PRINT("format", VIRTIO_SND_PCM_FMT_U24);
	PRINT("format", VIRTIO_SND_PCM_FMT_S32);
	PRINT("format", VIRTIO_SND_PCM_FMT_U32);
	PRINT("format", VIRTIO_SND_PCM_FMT_FLOAT);
	PRINT("format", VIRTIO_SND_PCM_FMT_FLOAT64);
	PRINT("format", VIRTIO_SND_PCM_FMT_DSD_U8);
	PRINT("format", VIRTIO_SND_PCM_FMT_DSD_U16);
	PRINT("format", VIRTIO_SND_PCM_FMT_DSD_U32);
	PRINT("format", VIRTIO_SND_PCM_FMT_IEC958_SUBFRAME);

	PRINT("rate", VIRTIO_SND_PCM_RATE_5512);
	PRINT("rate", VIRTIO_SND_PCM_RATE_8000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_11025);
	PRINT("rate", VIRTIO_SND_PCM_RATE_16000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_22050);
	PRINT("rate", VIRTIO_SND_PCM_RATE_32000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_44100);
	PRINT("rate", VIRTIO_SND_PCM_RATE_48000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_64000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_88200);
	PRINT("rate", VIRTIO_SND_PCM_RATE_96000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_176400);
	PRINT("rate", VIRTIO_SND_PCM_RATE_192000);
	PRINT("rate", VIRTIO_SND_PCM_RATE_384000);

	PRINT("chmap", VIRTIO_SND_CHMAP_NONE);
	PRINT("chmap", VIRTIO_SND_CHMAP_NA);
	PRINT("chmap", VIRTIO_SND_CHMAP_MONO);
	PRINT("chmap", VIRTIO_SND_CHMAP_FL);
	PRINT("chmap", VIRTIO_SND_CHMAP_FR);
	PRINT("chmap", VIRTIO_SND_CHMAP_RL);
	PRINT("chmap", VIRTIO_SND_CHMAP_RR);
	PRINT("chmap", VIRTIO_SND_CHMAP_FC);
	PRINT("chmap", VIRTIO_SND_CHMAP_LFE);
	PRINT("chmap", VIRTIO_SND_CHMAP_SL);
	PRINT("chmap", VIRTIO_SND_CHMAP_SR);
	PRINT("chmap", VIRTIO_SND_CHMAP_RC);
	PRINT("chmap", VIRTIO_SND_CHMAP_FLC);
	PRINT("chmap", VIRTIO_SND_CHMAP_FRC);
	PRINT("chmap", VIRTIO_SND_CHMAP_RLC);
	PRINT("chmap", VIRTIO_SND_CHMAP_RRC);
	PRINT("chmap", VIRTIO_SND_CHMAP_FLW);
	PRINT("chmap", VIRTIO_SND_CHMAP_FRW);
	PRINT("chmap", VIRTIO_SND_CHMAP_FLH);
	PRINT("chmap", VIRTIO_SND_CHMAP_FCH);
	PRINT("chmap", VIRTIO_SND_CHMAP_FRH);
	PRINT("chmap", VIRTIO_SND_CHMAP_TC);
	PRINT("chmap", VIRTIO_SND_CHMAP_TFL);
	PRINT("chmap", VIRTIO_SND_CHMAP_TFR);
	PRINT("chmap", VIRTIO_SND_CHMAP_TFC);
	PRINT("chmap", VIRTIO_SND_CHMAP_TRL);
	PRINT("chmap", VIRTIO_SND_CHMAP_TRR);
	PRINT("chmap", VIRTIO_SND_CHMAP_TRC);
	PRINT("chmap", VIRTIO_SND_CHMAP_TFLC);
	PRINT("chmap", VIRTIO_SND_CHMAP_TFRC);
	PRINT("chmap", VIRTIO_SND_CHMAP_TSL);
	PRINT("chmap", VIRTIO_SND_CHMAP_TSR);
	PRINT("chmap", VIRTIO_SND_CHMAP_LLFE);
	PRINT("chmap", VIRTIO_SND_CHMAP_RLFE);
	PRINT("chmap", VIRTIO_SND_CHMAP_BC);
	PRINT("chmap", VIRTIO_SND_CHMAP_BLC);
	PRINT("chmap", VIRTIO_SND_CHMAP_BRC);
	return 0;
}
